/**
 * The ko builder: Go binaries layered onto a base image without Docker, as Skaffold's ko builder does
 * (which embeds ko). One `go build` per platform, cross-compiled; the base image's layers are reused
 * by digest; the result is pushed (`push`) or loaded into the Docker engine.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { isTrestleError, TrestleError, userError } from "../../errors/errors.js";
import type { Artifact } from "../../config/schema/index.js";
import type { Exec } from "../../proc/exec.js";
import { processExec } from "../../proc/exec.js";
import type { Image, ImageOrIndex } from "../../oci/image.js";
import { assembleIndex } from "../../oci/image.js";
import { mapLimit } from "../../oci/limit.js";
import { layerMediaTypeFor } from "../../oci/media-types.js";
import { formatPlatform } from "../../oci/platform.js";
import { enginePublisher } from "../../oci/publish/engine-publisher.js";
import type { Publisher } from "../../oci/publish/publisher.js";
import { registryPublisher } from "../../oci/publish/registry-publisher.js";
import { parseReference, sanitizeImageName } from "../../oci/reference.js";
import { RegistryClient } from "../../oci/registry/client.js";
import type { ImagePuller, Pulled } from "../../oci/registry/pull.js";
import { createPuller } from "../../oci/registry/pull.js";
import { epochFromEnv } from "../../oci/source-date-epoch.js";
import type { ArtifactBuilder, BuildRequest, BuiltImage, DependencyLister } from "../types.js";
import { BinaryLayerCache } from "./binary-cache.js";
import { listKoDependencies } from "./dependencies.js";
import { goBuild } from "./go-build.js";
import type { KoYaml } from "./ko-config.js";
import { loadKoYaml } from "./ko-config.js";
import { appName, BASE_DIGEST_ANNOTATION, BASE_NAME_ANNOTATION, koImage } from "./ko-image.js";
import { kodataLayer } from "./ko-layers.js";
import { resolveMainPackage } from "./main-package.js";
import type { PlatformBase } from "./platforms.js";
import { platformBases, platformSelection } from "./platforms.js";
import { koSettings, matchingBuild } from "./settings.js";

/** Skaffold's default ko base image (it cannot be pulled where only a local registry is reachable). */
export const DEFAULT_KO_BASE_IMAGE = "gcr.io/distroless/static:nonroot";
const KO_SCHEME = "ko://";

/** Test seams and tuning of the ko builder. */
export interface KoBuilderOptions {
  readonly exec?: Exec;
  /** Pulls base images and pushes results; default a RegistryClient over Docker's config. */
  readonly registry?: RegistryClient;
  readonly insecureRegistries?: readonly string[];
  /** Picks the publisher: registry push when `push`, else the Docker engine. */
  readonly publisher?: (push: boolean) => Publisher;
  /** gzip level of the layers Trestle writes; default 1 (fastest). */
  readonly gzipLevel?: number;
}

/** Prefixes an error's message with what was being done, keeping its code and hint. */
async function doing<T>(what: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!isTrestleError(error)) throw error;
    throw new TrestleError(`${what}: ${error.message}`, {
      kind: error.kind,
      code: error.code,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      cause: error,
    });
  }
}

/** The base image of an artifact: `fromImage` (or a required artifact by alias), `.ko.yaml`, Skaffold's default. */
export function chooseBaseImage(
  fromImage: string | undefined,
  koYaml: KoYaml,
  importPath: string,
  dependencies: ReadonlyMap<string, string>,
): string {
  if (fromImage !== undefined && fromImage !== "") return dependencies.get(fromImage) ?? fromImage;
  return koYaml.baseImageOverrides?.[importPath] ?? koYaml.defaultBaseImage ?? DEFAULT_KO_BASE_IMAGE;
}

/** The ko builder. */
export class KoBuilder implements ArtifactBuilder, DependencyLister {
  private readonly exec: Exec;
  private readonly registry: RegistryClient;
  private readonly puller: ImagePuller;
  private readonly binaries: BinaryLayerCache;

  constructor(private readonly options: KoBuilderOptions = {}) {
    this.exec = options.exec ?? processExec;
    this.registry =
      options.registry ??
      new RegistryClient(
        options.insecureRegistries === undefined ? {} : { insecureRegistries: options.insecureRegistries },
      );
    this.puller = createPuller(this.registry);
    this.binaries = new BinaryLayerCache();
  }

  dependencies(artifact: Artifact, workspace: string): Promise<readonly string[]> {
    const patterns = artifact.ko?.dependencies;
    return listKoDependencies(workspace, {
      ...(patterns?.paths === undefined ? {} : { paths: patterns.paths }),
      ...(patterns?.ignore === undefined ? {} : { ignore: patterns.ignore }),
    });
  }

  async build(request: BuildRequest): Promise<BuiltImage> {
    const { artifact, env, signal } = request;
    const ko = artifact.ko ?? {};
    if (request.push && request.tag.startsWith(KO_SCHEME)) {
      throw userError(
        "KO_NO_DEFAULT_REPO",
        `default repo must be set when using the 'ko://' prefix and pushing to a registry: ${artifact.image}`,
        "Set --default-repo (or SKAFFOLD_DEFAULT_REPO), or load into Docker with push: false.",
      );
    }
    const tagText = sanitizeImageName(request.tag);
    const target = parseReference(tagText);
    const workingDir = resolve(request.workspace, ko.dir ?? ".");
    const goBinary = env["KO_GO_PATH"] ?? "go";
    const koYaml = (await loadKoYaml(workingDir, env)).config;
    const pattern = artifact.image.startsWith(KO_SCHEME)
      ? artifact.image.slice(KO_SCHEME.length)
      : ko.main || ".";
    const pkg = await resolveMainPackage({ exec: this.exec, goBinary, workingDir, pattern, env, signal });
    const settings = koSettings({
      ko,
      koYaml,
      build: matchingBuild(koYaml, workingDir, pkg.dir),
      tag: request.tag,
      env,
    });
    const baseName = chooseBaseImage(ko.fromImage, koYaml, pkg.importPath, request.dependencies);
    const selection = platformSelection(request.platforms, koYaml.defaultPlatforms);
    const pulled = await doing(
      `pulling base image ${baseName}`,
      this.puller.pull(parseReference(baseName), selection, signal),
    );
    const bases = platformBases(pulled, selection, baseName);
    request.output(`Using base ${baseName}@${pulled.digest} for ${pkg.importPath}`);

    const sourceDate = epochFromEnv(env, "SOURCE_DATE_EPOCH", undefined);
    const kodataTime = epochFromEnv(env, "KO_DATA_DATE_EPOCH", 0);
    const gzipLevel = this.options.gzipLevel;
    const name = appName(pkg.importPath);
    const scratch = await mkdtemp(join(tmpdir(), "trestle-ko-"));
    let images: Image[];
    try {
      const kodata = new Map<string, ReturnType<typeof kodataLayer>>();
      images = await mapLimit(bases, availableParallelism(), async (base: PlatformBase, i) => {
        const mediaType = layerMediaTypeFor(base.image.mediaType);
        const layerOptions = { mediaType, ...(gzipLevel === undefined ? {} : { gzipLevel }) };
        const output = join(scratch, String(i), name);
        request.output(`Building ${pkg.importPath} for ${formatPlatform(base.platform)}`);
        await goBuild(
          this.exec,
          {
            goBinary,
            workingDir,
            importPath: pkg.importPath,
            platform: base.platform,
            env,
            buildEnv: settings.env,
            flags: settings.flags,
            ldflags: settings.ldflags,
            debug: request.mode === "debug",
            output,
            signal,
          },
          request.output,
        );
        let data = kodata.get(mediaType);
        if (data === undefined) {
          data = kodataLayer(pkg.dir, kodataTime, layerOptions);
          kodata.set(mediaType, data);
        }
        return koImage({
          base: base.image,
          baseName,
          baseDigest: base.digest,
          importPath: pkg.importPath,
          appName: name,
          kodata: await data,
          binary: await this.binaries.layer(output, name, sourceDate ?? 0, layerOptions),
          labels: settings.labels,
          created: sourceDate,
          binaryTime: sourceDate ?? 0,
          kodataTime,
        });
      });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    const item = combine(pulled, bases, images, baseName);
    const publisher = (this.options.publisher ?? this.defaultPublisher.bind(this))(request.push);
    const where = request.push ? `pushing ${tagText}` : `loading ${tagText} into Docker`;
    const result = await doing(where, publisher.publish(item, target, signal));
    if (request.push)
      return { reference: `${tagText.split("@")[0] ?? tagText}@${item.digest}`, digest: item.digest };
    return { reference: tagText, ...(result.imageId === undefined ? {} : { imageId: result.imageId }) };
  }

  private defaultPublisher(push: boolean): Publisher {
    return push ? registryPublisher(this.registry) : enginePublisher();
  }
}

/** One image, or an index over the platforms built (the base index's type, order and entry fields). */
function combine(
  pulled: Pulled,
  bases: readonly PlatformBase[],
  images: readonly Image[],
  baseName: string,
): ImageOrIndex {
  const [only] = images;
  if (pulled.kind === "image" || (images.length === 1 && only !== undefined)) {
    if (only === undefined) throw new Error("no image was built");
    return only;
  }
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
