/** The roles of `src/access/`: following this run's containers' logs and forwarding their ports. */
import type { PortForwardResource } from "../config/schema/port-forward.js";
import type { KubeClient } from "../kube/types.js";

/** Something text can be written to (process.stdout in the CLI, a buffer in tests). */
export interface TextOut {
  write(text: string): unknown;
}

/** Skaffold's `deploy.logs.prefix`. */
export type LogPrefix = "auto" | "container" | "podAndContainer" | "none";

export interface LogTailerOptions {
  readonly client: Pick<KubeClient, "watcher" | "logs">;
  /** Namespaces deployed to. */
  readonly namespaces: readonly string[];
  /** Pods to follow, e.g. `skaffold.dev/run-id=<id>`. */
  readonly labelSelector: string;
  readonly out: TextOut;
  readonly colour: boolean;
  /** Default `auto`. */
  readonly prefix?: LogPrefix;
  /** Print only lines at or after this time (`--since`, or the deploy's start); default: everything. */
  readonly since?: Date;
  readonly signal?: AbortSignal;
}

/** Follows every container of every pod matching a label selector, including new pods and restarts. */
export interface LogTailer {
  /** Starts following; resolves once the current pods are being followed. */
  start(): Promise<void>;
  /** Holds lines back (in order) until unmute(), e.g. during a dev iteration. */
  mute(): void;
  /** Prints the held-back lines, then prints as they come. */
  unmute(): void;
  /** Stops following and closes every stream. */
  stop(): Promise<void>;
}

/** `--port-forward` modes (`off` is the empty set). */
export type PortForwardMode = "user" | "services" | "pods" | "debug";

export interface PortForwardManagerOptions {
  readonly client: Pick<KubeClient, "watcher" | "forwarder">;
  readonly modes: ReadonlySet<PortForwardMode>;
  /** The `portForward` section, already templated. */
  readonly entries: readonly PortForwardResource[];
  /** Namespaces deployed to (for `services`, `pods` and `debug`). */
  readonly namespaces: readonly string[];
  /** Namespace of entries that name none. */
  readonly defaultNamespace: string;
  /** This run's pods and services, e.g. `skaffold.dev/run-id=<id>`. */
  readonly labelSelector: string;
  readonly out: TextOut;
  /** Print the table of forwards after every refresh (default: only when it changed). */
  readonly alwaysPrintTable?: boolean;
  readonly signal?: AbortSignal;
}

/** One forward as listed in the table of active forwards. */
export interface ActiveForward {
  /** e.g. `service/web`, `pod/web-1`, `deployment/api`. */
  readonly resource: string;
  readonly namespace: string;
  readonly remotePort: number | string;
  readonly address: string;
  readonly localPort: number;
  /** The pod connections currently go to (undefined while none is ready). */
  readonly pod: string | undefined;
}

/** Keeps local ports forwarded to this run's resources; a forward keeps its port across redeploys. */
export interface PortForwardManager {
  /** Creates forwards for what is deployed now (call after every deploy); existing ones keep their ports. */
  refresh(): Promise<readonly ActiveForward[]>;
  /** The forwards now active. */
  forwards(): readonly ActiveForward[];
  /** Closes every listener. */
  stop(): Promise<void>;
}
