/**
 * The ko builder: Go binaries layered onto a base image without Docker, as Skaffold's ko builder does
 * (which embeds ko). One `go build` per platform, cross-compiled; the base image's layers are reused
 * by digest; the result is pushed (`push`) or loaded into the Docker engine.
 */
import { join, resolve } from "node:path";
import { isTrestleError, TrestleError, userError } from "../../errors/errors.js";
import type { Artifact } from "../../config/schema/index.js";
import type { Exec } from "../../proc/exec.js";
import { processExec } from "../../proc/exec.js";
import { createDockerDaemon, engineImagesOf, type DockerDaemon } from "../../docker/index.js";
import { enginePublisher } from "../../oci/publish/engine-publisher.js";
import type { Publisher, PublishResult } from "../../oci/publish/publisher.js";
import { registryPublisher } from "../../oci/publish/registry-publisher.js";
import { parseReference } from "../../oci/reference.js";
import { sanitizeImageName } from "../../oci/reference-grammar.js";
import { RegistryClient } from "../../oci/registry/client.js";
import type { ImagePuller } from "../../oci/registry/pull.js";
import { createPuller } from "../../oci/registry/pull.js";
import { listPathDependencies } from "../path-dependencies.js";
import type { ArtifactBuilder, BuildRequest, BuiltImage, DependencyLister } from "../types.js";
import { BinaryLayerCache, koCacheDir } from "./binary-cache.js";
import { buildImages } from "./images.js";
import type { KoYaml } from "./ko-config.js";
import { loadKoYaml } from "./ko-config.js";
import { resolveMainPackage } from "./main-package.js";
import { platformBases, platformSelection } from "./platforms.js";
import { koSettings, matchingBuild, specifiesBuild } from "./settings.js";

/** Skaffold's default ko base image (it cannot be pulled where only a local registry is reachable). */
export const DEFAULT_KO_BASE_IMAGE = "gcr.io/distroless/static:nonroot";
const KO_SCHEME = "ko://";
/** The dependency globs of a ko artifact that sets neither `dependencies.paths` nor `.ignore`. */
export const DEFAULT_KO_DEPENDENCIES = ["**/*.go"] as const;

/** Test seams and tuning of the ko builder. */
export interface KoBuilderOptions {
  readonly exec?: Exec;
  /** Pulls base images and pushes results; default a RegistryClient over Docker's config. */
  readonly registry?: RegistryClient;
  readonly insecureRegistries?: readonly string[];
  /** The Docker engine images are loaded into when not pushed; default the engine of the build's DOCKER_HOST. */
  readonly daemon?: () => Pick<DockerDaemon, "info" | "images">;
  /** Picks the publisher: registry push when `push`, else the Docker engine. */
  readonly publisher?: (push: boolean) => Publisher;
  /** gzip level of the layers Trestle writes; default 1 (fastest). */
  readonly gzipLevel?: number;
  /** Where binaries and binary layers are kept between builds; default `~/.cache/trestle/ko`. */
  readonly cacheDir?: string;
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
  private readonly cacheDir: string;

  constructor(private readonly options: KoBuilderOptions = {}) {
    this.exec = options.exec ?? processExec;
    this.registry =
      options.registry ??
      new RegistryClient(
        options.insecureRegistries === undefined ? {} : { insecureRegistries: options.insecureRegistries },
      );
    this.puller = createPuller(this.registry);
    this.cacheDir = options.cacheDir ?? koCacheDir(process.env);
    this.binaries = new BinaryLayerCache(join(this.cacheDir, "layers"));
  }

  dependencies(artifact: Artifact, workspace: string): Promise<readonly string[]> {
    // Skaffold's default (`**/*.go`) applies when neither paths nor ignore is set: `ignore` alone lists nothing.
    const deps = artifact.ko?.dependencies ?? {};
    const paths = deps.paths ?? (deps.ignore === undefined ? DEFAULT_KO_DEPENDENCIES : []);
    return listPathDependencies(workspace, { paths, ignore: deps.ignore ?? [] }, "ko.dependencies.paths");
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
    const pattern = artifact.image.startsWith(KO_SCHEME)
      ? artifact.image.slice(KO_SCHEME.length)
      : ko.main || ".";
    const koYaml = (await loadKoYaml(workingDir, env)).config;
    const selection = platformSelection(request.platforms, koYaml.defaultPlatforms);
    // The base image depends on the package only through baseImageOverrides: otherwise pull it while
    // `go list` runs.
    const found = resolveMainPackage({ exec: this.exec, goBinary, workingDir, pattern, env, signal });
    const byPackage = !ko.fromImage && Object.keys(koYaml.baseImageOverrides ?? {}).length > 0;
    const choose = (importPath: string): string =>
      chooseBaseImage(ko.fromImage, koYaml, importPath, request.dependencies);
    const named = byPackage ? found.then((p) => choose(p.importPath)) : Promise.resolve(choose(""));
    const pulling = named.then((name) =>
      doing(`pulling base image ${name}`, this.puller.pull(parseReference(name), selection, signal)),
    );
    found.catch(() => undefined); // awaited below; this only keeps an early failure elsewhere from leaving it unhandled
    // `go build` can start before `go list` answers when the pattern names one package and no .ko.yaml
    // `builds` entry has to be matched against the package's directory.
    const early = !pattern.includes("...") && (specifiesBuild(ko) || (koYaml.builds ?? []).length === 0);
    const [baseName, pulled] = await Promise.all([named, pulling]);
    const pkg = early ? undefined : await found;
    const settings = koSettings({
      ko,
      koYaml,
      build: pkg === undefined ? undefined : matchingBuild(koYaml, workingDir, pkg.dir),
      tag: request.tag,
      env,
    });
    const bases = platformBases(pulled, selection, baseName);
    request.output(`Using base ${baseName}@${pulled.digest}`);

    const item = await buildImages(
      {
        exec: this.exec,
        binaries: this.binaries,
        cacheDir: this.cacheDir,
        goBinary,
        workingDir,
        target: pkg?.importPath ?? pattern,
        pkg: found,
        settings,
        baseName,
        env,
        debug: request.mode === "debug",
        ...(ko.sourceDateEpoch === undefined ? {} : { sourceDateEpoch: ko.sourceDateEpoch }),
        ...(this.options.gzipLevel === undefined ? {} : { gzipLevel: this.options.gzipLevel }),
        output: request.output,
        signal,
      },
      pulled,
      bases,
    );
    const publisher = this.options.publisher?.(request.push) ?? this.defaultPublisher(request.push, env);
    const where = request.push ? `pushing ${tagText}` : `loading ${tagText} into Docker`;
    let result: PublishResult;
    try {
      result = await doing(where, publisher.publish(item, target, signal));
    } finally {
      await this.binaries.flush();
    }
    if (request.push)
      return { reference: `${tagText.split("@")[0] ?? tagText}@${item.digest}`, digest: item.digest };
    return { reference: tagText, ...(result.imageId === undefined ? {} : { imageId: result.imageId }) };
  }

  private defaultPublisher(push: boolean, env: BuildRequest["env"]): Publisher {
    return push
      ? registryPublisher(this.registry)
      : enginePublisher({
          engine: engineImagesOf(this.options.daemon?.() ?? createDockerDaemon({ exec: this.exec, env })),
        });
  }
}
