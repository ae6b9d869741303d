/**
 * The images of one ko build: a `go build` per platform (run in parallel), the kodata layer (built once)
 * and the binary layer appended to each platform's base, combined into an index when the base is an
 * index with more than one selected platform (its media type, order and entry fields kept).
 */
import { availableParallelism } from "node:os";
import type { Exec } from "../../proc/exec.js";
import type { Image, ImageOrIndex } from "../../oci/image.js";
import { assembleIndex } from "../../oci/image.js";
import type { Layer } from "../../oci/layer.js";
import { mapLimit } from "../../oci/limit.js";
import { layerMediaTypeFor } from "../../oci/media-types.js";
import { formatPlatform } from "../../oci/platform.js";
import type { Pulled } from "../../oci/registry/pull.js";
import { epochFromEnv } from "../../oci/source-date-epoch.js";
import type { BinaryLayerCache } from "./binary-cache.js";
import { binaryPath } from "./binary-cache.js";
import { goBuild } from "./go-build.js";
import { appName, BASE_DIGEST_ANNOTATION, BASE_NAME_ANNOTATION, koImage } from "./ko-image.js";
import { kodataLayer } from "./ko-layers.js";
import type { GoPackage } from "./main-package.js";
import type { PlatformBase } from "./platforms.js";
import type { KoSettings } from "./settings.js";

/** What every platform's build shares. */
export interface ImagesInput {
  readonly exec: Exec;
  readonly binaries: BinaryLayerCache;
  /** The ko cache directory (stable `go build` outputs live there). */
  readonly cacheDir: string;
  readonly goBinary: string;
  readonly workingDir: string;
  /** What `go build` builds (the pattern, or the package's import path). */
  readonly target: string;
  /** The main package, possibly still being looked up while `go build` runs. */
  readonly pkg: Promise<GoPackage>;
  readonly settings: KoSettings;
  readonly baseName: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly debug: boolean;
  /** `ko.sourceDateEpoch`: wins over `SOURCE_DATE_EPOCH` from the environment. */
  readonly sourceDateEpoch?: number;
  readonly gzipLevel?: number;
  readonly output: (line: string) => void;
  readonly signal: AbortSignal;
}

/** Builds one image per base, then combines them. */
export async function buildImages(
  input: ImagesInput,
  pulled: Pulled,
  bases: readonly PlatformBase[],
): Promise<ImageOrIndex> {
  const { settings, env } = input;
  const sourceDate = input.sourceDateEpoch ?? epochFromEnv(env, "SOURCE_DATE_EPOCH", undefined);
  const kodataTime = epochFromEnv(env, "KO_DATA_DATE_EPOCH", 0);
  const kodata = new Map<string, Promise<Layer>>();
  const images = await mapLimit(bases, availableParallelism(), async (base) => {
    const mediaType = layerMediaTypeFor(base.image.mediaType);
    const layerOptions = {
      mediaType,
      ...(input.gzipLevel === undefined ? {} : { gzipLevel: input.gzipLevel }),
    };
    const output = binaryPath(input.cacheDir, input.workingDir, input.target, base.platform, "app");
    input.output(`Building ${input.target} for ${formatPlatform(base.platform)}`);
    const build = {
      goBinary: input.goBinary,
      workingDir: input.workingDir,
      target: input.target,
      platform: base.platform,
      env,
      buildEnv: settings.env,
      flags: settings.flags,
      ldflags: settings.ldflags,
      gcflags: settings.gcflags,
      debug: input.debug,
      output,
      signal: input.signal,
    };
    try {
      await goBuild(input.exec, build, input.output);
    } catch (error) {
      await input.pkg; // when the package lookup failed too, its message says more
      throw error;
    }
    const pkg = await input.pkg;
    const name = appName(pkg.importPath);
    let data = kodata.get(mediaType);
    if (data === undefined) {
      data = kodataLayer(pkg.dir, kodataTime, layerOptions);
      kodata.set(mediaType, data);
    }
    return koImage({
      base: base.image,
      baseName: input.baseName,
      baseDigest: base.digest,
      importPath: pkg.importPath,
      appName: name,
      kodata: await data,
      binary: await input.binaries.layer(output, name, sourceDate ?? 0, layerOptions),
      labels: settings.labels,
      created: sourceDate,
      binaryTime: sourceDate ?? 0,
      kodataTime,
    });
  });
  return combine(pulled, bases, images, input.baseName);
}

/** One image, or an index over the platforms built. */
function combine(
  pulled: Pulled,
  bases: readonly PlatformBase[],
  images: readonly Image[],
  baseName: string,
): ImageOrIndex {
  const [only] = images;
  if (only === undefined) throw new Error("no image was built");
  if (pulled.kind === "image" || images.length === 1) return only;
  return assembleIndex(
    pulled.mediaType,
    images.map((image, i) => {
      const descriptor = bases[i]?.descriptor;
      return {
        image,
        ...(descriptor?.platform === undefined ? {} : { platform: descriptor.platform }),
        ...(descriptor?.urls === undefined ? {} : { urls: descriptor.urls }),
        ...(descriptor?.annotations === undefined ? {} : { annotations: descriptor.annotations }),
      };
    }),
    {
      ...pulled.manifest.annotations,
      [BASE_DIGEST_ANNOTATION]: pulled.digest,
      [BASE_NAME_ANNOTATION]: baseName,
    },
  );
}
