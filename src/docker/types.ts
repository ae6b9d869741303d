/**
 * The Docker Engine, split into roles. A consumer takes only the role it needs (a builder takes an
 * `ImageBuilder` and an `ImageStore`, a deployer a `ContainerRunner`); `createDockerDaemon` bundles them.
 */

/** Receives output lines (unprefixed). */
export type LineSink = (line: string) => void;

/** What the engine says about itself. */
export interface EngineVersion {
  readonly version: string;
  readonly apiVersion: string;
  readonly os: string;
  readonly arch: string;
  readonly experimental: boolean;
}

/** Whether the engine answers, and what it is; failures are typed errors with a hint. */
export interface EngineInfo {
  ping(signal?: AbortSignal): Promise<void>;
  version(signal?: AbortSignal): Promise<EngineVersion>;
  /** The negotiated API version (`1.41`…). */
  apiVersion(signal?: AbortSignal): Promise<string>;
}

/** Registry credentials in the engine's form (`X-Registry-Auth`). */
export interface EngineAuth {
  readonly username?: string;
  readonly password?: string;
  readonly identitytoken?: string;
  readonly registrytoken?: string;
  readonly serveraddress: string;
}

/** Options of one image build from a tar context. */
export interface ImageBuildOptions {
  /** The build context as a tar stream, read once. */
  readonly context: AsyncIterable<Uint8Array>;
  readonly tags: readonly string[];
  /** Path of the Dockerfile inside the context. */
  readonly dockerfile: string;
  /** `null` passes the arg without a value (the Dockerfile's default applies). */
  readonly buildArgs?: Readonly<Record<string, string | null>>;
  readonly target?: string;
  readonly cacheFrom?: readonly string[];
  readonly network?: string;
  readonly extraHosts?: readonly string[];
  readonly noCache?: boolean;
  readonly squash?: boolean;
  readonly pull?: boolean;
  readonly platform?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Base images the build pulls; credentials for their registries go along. */
  readonly baseImages?: readonly string[];
  readonly output: LineSink;
  readonly signal?: AbortSignal;
}

/** Builds images with the engine's builder; a failed step is a TrestleError naming the step and the engine's message. */
export interface ImageBuilder {
  build(options: ImageBuildOptions): Promise<{ readonly imageId: string }>;
}

/** The parts of an image inspection Trestle reads. */
export interface ImageDetails {
  readonly id: string;
  readonly repoTags: readonly string[];
  readonly repoDigests: readonly string[];
  readonly workingDir: string;
  readonly env: readonly string[];
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly os: string;
  readonly architecture: string;
  /** The image's `author` (ko writes its own there); absent when empty. */
  readonly author?: string;
  /** `EXPOSE`d ports, `8080/tcp`…; absent when the engine did not say. */
  readonly exposedPorts?: readonly string[];
}

/** Images in the engine's store. */
export interface ImageStore {
  /** The image, or undefined when the engine does not have it. */
  inspect(ref: string, signal?: AbortSignal): Promise<ImageDetails | undefined>;
  tag(source: string, target: string): Promise<void>;
  remove(ref: string, options?: { readonly force?: boolean }): Promise<void>;
  /** Loads a `docker save`-style tarball; returns the loaded references (or IDs). */
  load(tarball: AsyncIterable<Uint8Array>, output: LineSink, signal?: AbortSignal): Promise<string[]>;
}

/** What the registry serves for a reference, as the engine sees it (`/distribution/{name}/json`). */
export interface DistributionDetails {
  readonly digest: string;
  readonly mediaType: string;
  readonly platforms: readonly string[];
}

/** Moves images between the engine and registries, with credentials from the Docker config. */
export interface ImageRegistry {
  /** Pushes `repository:tag` and returns the manifest digest the registry stored. */
  push(ref: string, output: LineSink, signal?: AbortSignal): Promise<string>;
  pull(
    ref: string,
    output: LineSink,
    options?: { readonly platform?: string; readonly signal?: AbortSignal },
  ): Promise<void>;
  distribution(ref: string, signal?: AbortSignal): Promise<DistributionDetails>;
}

/** What to run in a new container. */
export interface ContainerSpec {
  readonly image: string;
  readonly name?: string;
  readonly cmd?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly env?: readonly string[];
  readonly user?: string;
  readonly workingDir?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly network?: string;
  readonly binds?: readonly string[];
  /** `containerPort/proto` → host port, or `address:port` ("" picks a free one). */
  readonly ports?: Readonly<Record<string, string>>;
  readonly autoRemove?: boolean;
}

/** Container lifecycle. */
export interface ContainerRunner {
  create(spec: ContainerSpec): Promise<string>;
  start(id: string): Promise<void>;
  /** Waits until the container stops; returns its exit code. */
  wait(id: string, signal?: AbortSignal): Promise<number>;
  stop(id: string, timeoutSeconds?: number): Promise<void>;
  remove(id: string, options?: { readonly force?: boolean }): Promise<void>;
}

/** The result of a command run in a container. */
export interface ContainerExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Container state and I/O. */
export interface ContainerIO {
  /** Streams the logs line by line (stdout and stderr); with `follow`, until the container stops or `signal` fires. */
  logs(
    id: string,
    onLine: (line: string, stream: "stdout" | "stderr") => void,
    options?: { readonly follow?: boolean; readonly signal?: AbortSignal },
  ): Promise<void>;
  /** Runs a command in a running container, optionally feeding `stdin`. */
  exec(
    id: string,
    cmd: readonly string[],
    options?: {
      readonly stdin?: AsyncIterable<Uint8Array> | Uint8Array;
      readonly user?: string;
      readonly workingDir?: string;
      readonly env?: readonly string[];
    },
  ): Promise<ContainerExecResult>;
  /** Whether the container exists and runs, or undefined when there is none. */
  state(id: string): Promise<{ readonly running: boolean; readonly exitCode: number } | undefined>;
}

/** A container as the engine lists it. */
export interface ContainerSummary {
  readonly id: string;
  /** Without the leading `/`. */
  readonly name: string;
  readonly image: string;
  /** `running`, `exited`, `created`… */
  readonly state: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** Finds containers (running or not) by their labels. */
export interface ContainerFinder {
  /** Containers carrying every one of `labels` (a `key` alone matches any value when the value is ""). */
  list(labels: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<ContainerSummary[]>;
}

/** A user-defined network as the engine lists it. */
export interface NetworkSummary {
  readonly id: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** User-defined bridge networks: created per run, found by label, removed at cleanup. */
export interface NetworkManager {
  /** Creates a bridge network (or returns the existing one of that name); returns its ID. */
  create(name: string, labels: Readonly<Record<string, string>>): Promise<string>;
  /** Removes a network; an absent one is not an error. */
  remove(nameOrId: string): Promise<void>;
  /** Networks carrying every one of `labels`. */
  list(labels: Readonly<Record<string, string>>): Promise<NetworkSummary[]>;
}

/** Named volumes (build caches and scratch space of lifecycle containers). */
export interface VolumeStore {
  /** Creates the volume, or does nothing when it exists. */
  create(name: string, labels?: Readonly<Record<string, string>>): Promise<void>;
  exists(name: string): Promise<boolean>;
  /** Removes the volume; an absent one is not an error. */
  remove(name: string, options?: { readonly force?: boolean }): Promise<void>;
}

/** Copies files into and out of a container (also a created or stopped one, volumes included) as tar. */
export interface ContainerFiles {
  /** Extracts the tar stream into the directory `path` of the container. */
  put(id: string, path: string, tar: AsyncIterable<Uint8Array>, signal?: AbortSignal): Promise<void>;
  /** A tar of `path` in the container, or undefined when it does not exist. */
  get(id: string, path: string, signal?: AbortSignal): Promise<Buffer | undefined>;
}

/** Every role of the engine, one property per role; hand a consumer only the roles it uses. */
export interface DockerDaemon {
  readonly info: EngineInfo;
  readonly builder: ImageBuilder;
  readonly images: ImageStore;
  readonly registry: ImageRegistry;
  readonly containers: ContainerRunner;
  readonly io: ContainerIO;
  readonly finder: ContainerFinder;
  readonly networks: NetworkManager;
  readonly volumes: VolumeStore;
  readonly files: ContainerFiles;
}
