/**
 * The image configurations `trestle debug` detects runtimes from: for each built (or given) image, its
 * config read from the local engine (images that were not pushed) or the registry, plus the artifact's
 * `runtimeType`. Configs are remembered by reference, so a dev-loop iteration reads only new images.
 */
import type { BuildOutputEntry } from "../build/types.js";
import type { ResolvedConfig } from "../config/resolved.js";
import { imageConfigurationFromOci, type ImageConfiguration, type OciImageConfig } from "../debug/index.js";
import type { DockerDaemon } from "../docker/index.js";
import { hostPlatform } from "../oci/platform.js";
import { parseReference } from "../oci/reference.js";
import { RegistryClient } from "../oci/registry/client.js";
import { createPuller, type ImagePuller } from "../oci/registry/pull.js";

/** Reads the config of an image by reference; undefined when neither the engine nor the registry has it. */
export interface ImageConfigReader {
  read(reference: string, signal?: AbortSignal): Promise<OciImageConfig | undefined>;
}

/** What a reader could not read, per reference. */
export interface ImageConfigFailure {
  readonly reference: string;
  readonly reason: string;
}

/**
 * The engine first for references without a digest (a build that was loaded, not pushed), else the
 * registry (the host's platform of an index).
 */
export function engineOrRegistryReader(
  daemon: () => Pick<DockerDaemon, "images">,
  registry: () => RegistryClient,
): ImageConfigReader {
  let puller: ImagePuller | undefined;
  const fromRegistry = async (reference: string, signal?: AbortSignal): Promise<OciImageConfig> => {
    puller ??= createPuller(registry());
    const pulled = await puller.pull(parseReference(reference), [hostPlatform()], signal);
    const image = pulled.kind === "image" ? pulled.image : pulled.entries[0]?.image;
    if (image === undefined) throw new Error(`no ${hostPlatform().architecture} image in the index`);
    const config = image.config.config ?? {};
    return {
      ...(image.config.author === undefined ? {} : { author: image.config.author }),
      config: {
        Env: config.Env ?? null,
        Entrypoint: config.Entrypoint ?? null,
        Cmd: config.Cmd ?? null,
        Labels: config.Labels ?? null,
        ...(config.WorkingDir === undefined ? {} : { WorkingDir: config.WorkingDir }),
      },
    };
  };
  return {
    async read(reference, signal) {
      if (!reference.includes("@")) {
        const local = await daemon()
          .images.inspect(reference, signal)
          .catch(() => undefined);
        if (local !== undefined) {
          return {
            ...(local.author === undefined ? {} : { author: local.author }),
            config: {
              Env: local.env,
              Entrypoint: local.entrypoint,
              Cmd: local.cmd,
              Labels: local.labels,
              WorkingDir: local.workingDir,
            },
          };
        }
      }
      return fromRegistry(reference, signal);
    },
  };
}

/** An engine-or-registry reader whose registry client (shared through registry()) is created on first use; close() releases it. */
export function lazyImageConfigReader(
  daemon: () => Pick<DockerDaemon, "images">,
  registryOptions: ConstructorParameters<typeof RegistryClient>[0],
): ImageConfigReader & { registry(): RegistryClient; close(): void } {
  let registry: RegistryClient | undefined;
  const client = (): RegistryClient => (registry ??= new RegistryClient(registryOptions));
  const reader = engineOrRegistryReader(daemon, client);
  return {
    read: (reference, signal) => reader.read(reference, signal),
    registry: client,
    close: () => {
      registry?.close();
    },
  };
}

/** The `runtimeType` of every artifact, by image name (first module that declares the image wins). */
export function runtimeTypes(project: ResolvedConfig): ReadonlyMap<string, string | undefined> {
  const types = new Map<string, string | undefined>();
  for (const module of project.modules) {
    for (const artifact of module.config.build?.artifacts ?? []) {
      if (!types.has(artifact.image)) types.set(artifact.image, artifact.runtimeType);
    }
  }
  return types;
}

/** Reads image configurations through a reader, remembering them by reference. */
export class DebugImageConfigs {
  private readonly known = new Map<string, ImageConfiguration>();

  constructor(
    private readonly reader: ImageConfigReader,
    private readonly types: ReadonlyMap<string, string | undefined>,
  ) {}

  /**
   * The configurations of `images`, keyed by their reference (what the rendered manifests name), and the
   * images whose config could not be read (their containers are left as they are).
   */
  async configurations(
    images: readonly BuildOutputEntry[],
    signal?: AbortSignal,
  ): Promise<{ readonly images: Map<string, ImageConfiguration>; readonly failures: ImageConfigFailure[] }> {
    const out = new Map<string, ImageConfiguration>();
    const failures: ImageConfigFailure[] = [];
    await Promise.all(
      images.map(async (entry) => {
        const key = `${entry.imageName}\u0000${entry.tag}`;
        let config = this.known.get(key);
        if (config === undefined) {
          try {
            const oci = await this.reader.read(entry.tag, signal);
            if (oci === undefined) throw new Error("the image is neither in the engine nor in its registry");
            config = imageConfigurationFromOci(entry.imageName, this.types.get(entry.imageName), oci);
            this.known.set(key, config);
          } catch (error) {
            failures.push({ reference: entry.tag, reason: (error as Error).message });
            return;
          }
        }
        out.set(entry.tag, config);
      }),
    );
    // Map order follows `images`, whatever order the reads finished in.
    const ordered = new Map<string, ImageConfiguration>();
    for (const entry of images) {
      const config = out.get(entry.tag);
      if (config !== undefined) ordered.set(entry.tag, config);
    }
    return { images: ordered, failures };
  }
}
