import type { Artifact } from "../config/schema/index.js";

/** The run mode, which changes how some builders build (debug disables optimisations; dev enables live-reload). */
export type RunMode = "build" | "run" | "dev" | "debug";

/** One artifact to build, as the scheduler hands it to a builder. */
export interface BuildRequest {
  /** The artifact's config after profiles and defaults. */
  readonly artifact: Artifact;
  /** Absolute path of the artifact's context directory. */
  readonly workspace: string;
  /** The full reference to produce, `repository:tag` (default-repo already applied). */
  readonly tag: string;
  /** Target platforms (`linux/amd64`…); empty means the host's. */
  readonly platforms: readonly string[];
  /** Push to the registry (true) or load into the local Docker engine (false). */
  readonly push: boolean;
  readonly mode: RunMode;
  /** Built references of the artifacts this one `requires`, by alias (for build args and base images). */
  readonly dependencies: ReadonlyMap<string, string>;
  /** The environment that templates and build commands see. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Each line of build output, unprefixed (the caller prefixes it with the artifact's name). */
  readonly output: (line: string) => void;
  readonly signal: AbortSignal;
}

/** What a build produced. */
export interface BuiltImage {
  /**
   * An immutable reference for manifests: `repository:tag@sha256:…` when pushed, or `repository:tag` for an
   * image only in the local engine (then `imageId` identifies it).
   */
  readonly reference: string;
  /** Registry manifest (or index) digest, when pushed. */
  readonly digest?: string;
  /** The local engine's image ID (`sha256:…`), when loaded. */
  readonly imageId?: string;
}

/** Builds one kind of artifact (docker, ko, buildpacks, custom…). */
export interface ArtifactBuilder {
  build(request: BuildRequest): Promise<BuiltImage>;
}

/** Lists the files (absolute paths) an artifact's build reads, for caching and for the dev loop. */
export interface DependencyLister {
  dependencies(
    artifact: Artifact,
    workspace: string,
    env: Readonly<Record<string, string | undefined>>,
  ): Promise<readonly string[]>;
}

/** One line of Skaffold's `build.json` (`--file-output`, `--build-artifacts`). */
export interface BuildOutputEntry {
  readonly imageName: string;
  readonly tag: string;
}
