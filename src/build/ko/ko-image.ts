/**
 * The image ko makes from a base: the kodata layer then the binary layer appended, the entrypoint set to
 * the binary, `KO_DATA_PATH` set, `/ko-app` added to PATH, labels merged, and the base recorded in the
 * manifest annotations (`org.opencontainers.image.base.name` / `.digest`).
 */
import type { Image } from "../../oci/image.js";
import type { Layer } from "../../oci/layer.js";
import type { ImageConfig } from "../../oci/model.js";
import { mutateImage } from "../../oci/mutate.js";
import { epochToRfc3339 } from "../../oci/source-date-epoch.js";
import { APP_DIR, KODATA_ROOT } from "./ko-layers.js";

export const KO_AUTHOR = "github.com/ko-build/ko";
export const BASE_NAME_ANNOTATION = "org.opencontainers.image.base.name";
export const BASE_DIGEST_ANNOTATION = "org.opencontainers.image.base.digest";

/** Everything that goes into one platform's image. */
export interface KoImageInput {
  readonly base: Image;
  /** The base reference as written, and the digest it resolved to (the platform image's). */
  readonly baseName: string;
  readonly baseDigest: string;
  readonly importPath: string;
  readonly appName: string;
  readonly kodata: Layer;
  readonly binary: Layer;
  readonly labels: Readonly<Record<string, string>>;
  /** SOURCE_DATE_EPOCH: the config's `created` (the base's is kept when unset). */
  readonly created: number | undefined;
  /** Times of the two history entries. */
  readonly binaryTime: number;
  readonly kodataTime: number;
}

/** Appends `/ko-app` to PATH, or sets PATH to it when the base has none. */
export function withAppPath(env: readonly string[]): string[] {
  const at = env.findIndex((e) => e.startsWith("PATH="));
  if (at === -1) return [...env, `PATH=/${APP_DIR}`];
  return env.map((e, i) => (i === at ? `${e}:/${APP_DIR}` : e));
}

function editConfig(input: KoImageInput, config: ImageConfig): ImageConfig {
  const runtime = config.config ?? {};
  const env = withAppPath(runtime.Env ?? []);
  return {
    ...config,
    ...(input.created === undefined ? {} : { created: epochToRfc3339(input.created) }),
    author: KO_AUTHOR,
    config: {
      ...runtime,
      Entrypoint: [`/${APP_DIR}/${input.appName}`],
      Cmd: null,
      Env: [...env, `KO_DATA_PATH=/${KODATA_ROOT}`],
      Labels: { ...(runtime.Labels ?? {}), ...input.labels },
    },
  };
}

/** Builds one platform's image on its base. */
export function koImage(input: KoImageInput): Image {
  const createdBy = `ko build ko://${input.importPath}`;
  return mutateImage(input.base, {
    layers: [
      {
        layer: input.kodata,
        history: {
          author: "ko",
          created: epochToRfc3339(input.kodataTime),
          created_by: createdBy,
          comment: "kodata contents, at $KO_DATA_PATH",
        },
      },
      {
        layer: input.binary,
        history: {
          author: "ko",
          created: epochToRfc3339(input.binaryTime),
          created_by: createdBy,
          comment: `go build output, at /${APP_DIR}/${input.appName}`,
        },
      },
    ],
    config: (config) => editConfig(input, config),
    annotations: { [BASE_DIGEST_ANNOTATION]: input.baseDigest, [BASE_NAME_ANNOTATION]: input.baseName },
  });
}

/** ko's binary name: the import path's last element (`ko-app` when there is none). */
export function appName(importPath: string): string {
  const last = importPath
    .split("/")
    .filter((p) => p !== "" && p !== ".")
    .pop();
  return last ?? APP_DIR;
}
