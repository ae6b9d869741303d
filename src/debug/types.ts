// The neutral model the debug transforms read and write: a container, the image configuration behind it,
// and what a runtime transformer reports back. Nothing here knows about Kubernetes objects.

/** The language runtimes `trestle debug` can configure, named as in the `debug.cloud.google.com/config` annotation. */
export type Runtime = "go" | "nodejs" | "jvm" | "python" | "netcore";

/** The support images (`<helpersRegistry>/<id>`) that install debugger files under `/dbg`; the JVM needs none. */
export type SupportImage = "go" | "nodejs" | "python" | "netcore";

/** One environment entry of a container, in declaration order; entries set from `valueFrom` read as `""`. */
export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

/** One exposed container port; `containerPort` is required, the rest mirror the Kubernetes fields. */
export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol?: string;
  readonly hostPort?: number;
  readonly hostIP?: string;
}

/**
 * The part of a container that debug transforms read and rewrite; `command` and `args` are absent when the
 * workload does not set them (the image's entrypoint and cmd then apply).
 */
export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[] | undefined;
  readonly args?: readonly string[] | undefined;
  readonly env: readonly EnvVar[];
  readonly ports: readonly ContainerPort[];
  readonly workingDir?: string | undefined;
}

/**
 * What the transforms know about a built image: its config (env, entrypoint, cmd, labels, working
 * directory, author) plus the skaffold.yaml artifact it was built from; absent fields mean "not set".
 */
export interface ImageConfiguration {
  /** The artifact's `image` name in skaffold.yaml, recorded in the annotation. */
  readonly artifact?: string;
  /** The artifact's `runtimeType`, which picks the transformer before any detection. */
  readonly runtimeType?: Runtime | undefined;
  readonly author?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  readonly workingDir?: string;
}

/**
 * The per-container entry of the `debug.cloud.google.com/config` annotation; empty fields are omitted when
 * serialised, and `ports` maps a debug protocol (`dlv`, `devtools`, `dap`, `jdwp`…) to its port.
 */
export interface ContainerDebugConfiguration {
  readonly artifact?: string;
  readonly runtime?: string;
  readonly workingDir?: string;
  readonly ports?: Readonly<Record<string, number>>;
}

/** Returns a free container port, as close to `desired` as the pod allows. */
export type PortAllocator = (desired: number) => number;

/** A transform either rewrote the container (and says which support image it needs) or explains why not. */
export type TransformOutcome =
  | {
      readonly ok: true;
      readonly container: ContainerSpec;
      readonly debug: ContainerDebugConfiguration;
      readonly supportImage?: SupportImage | undefined;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Configures one language runtime: `isApplicable` guesses from the image alone, and `apply` returns a
 * rewritten copy of the container (never mutating its inputs) or the reason it cannot.
 */
export interface ContainerTransformer {
  readonly runtime: Runtime;
  isApplicable(config: ImageConfiguration): boolean;
  apply(
    container: ContainerSpec,
    config: ImageConfiguration,
    allocatePort: PortAllocator,
    protocols: readonly string[],
  ): TransformOutcome;
}

/** Something the transform chose not to do, or had to undo, that a user may want to know about. */
export interface DebugWarning {
  /** The object, as `kind[.group]/name` (`deployment.apps/web`). */
  readonly resource: string;
  readonly container?: string;
  readonly message: string;
}

/** A failed outcome with the given reason. */
export function failure(reason: string): TransformOutcome {
  return { ok: false, reason };
}

/** The value of an own key of a string record (never an inherited one such as `constructor`). */
export function lookup(
  record: Readonly<Record<string, string>> | undefined,
  key: string,
): string | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Maps an artifact's free-form `runtimeType` onto a runtime, accepting the aliases Skaffold accepts. */
export function toRuntime(value: string | undefined): Runtime | undefined {
  switch (value?.toLowerCase()) {
    case "go":
    case "golang":
      return "go";
    case "nodejs":
    case "node":
    case "npm":
      return "nodejs";
    case "jvm":
    case "java":
      return "jvm";
    case "python":
      return "python";
    case "netcore":
    case ".net":
    case "dotnet":
      return "netcore";
    default:
      return undefined;
  }
}
