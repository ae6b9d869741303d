/**
 * The role interfaces of Trestle's one door to Kubernetes. Consumers code against these; only `src/kube/`
 * imports the client library (the object types below are re-exported as types, erased at build time).
 */
import type {
  CoreV1Event,
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1Pod,
  V1ReplicaSet,
  V1Service,
  V1StatefulSet,
} from "@kubernetes/client-node";

/** The library's object shapes as plain data, as the API server sends them (times are RFC 3339 strings). */
export type Plain<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Plain<U>[]
    : T extends object
      ? { [K in keyof T]: Plain<T[K]> }
      : T;
export type Pod = Plain<V1Pod>;
export type Deployment = Plain<V1Deployment>;
export type StatefulSet = Plain<V1StatefulSet>;
export type DaemonSet = Plain<V1DaemonSet>;
export type Job = Plain<V1Job>;
export type ReplicaSet = Plain<V1ReplicaSet>;
export type Service = Plain<V1Service>;
export type KubeEvent = Plain<CoreV1Event>;

/** Identifies one object in the cluster (namespace absent for cluster-scoped kinds). */
export interface KubeObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** An object as the API server stored it after `kubectl apply`. */
export interface AppliedObject extends KubeObjectRef {
  readonly uid?: string;
  /** `metadata.generation`, for telling whether a controller has seen this version. */
  readonly generation?: number;
  readonly labels: Readonly<Record<string, string>>;
}

/** Users' `deploy.kubectl.flags`: passed through to kubectl unchanged. */
export interface KubectlFlags {
  readonly global?: readonly string[];
  readonly apply?: readonly string[];
  readonly delete?: readonly string[];
}

export interface ApplyOptions {
  /** `-n`: the namespace for objects that name none. */
  readonly namespace?: string;
  readonly flags?: KubectlFlags;
  /** `--force --grace-period=0` (Skaffold's `--force`). */
  readonly force?: boolean;
  readonly signal?: AbortSignal;
}

export interface DeleteOptions {
  readonly namespace?: string;
  readonly flags?: KubectlFlags;
  /** Wait until the deleted objects are gone (default true, as Skaffold's `--wait-for-deletions`). */
  readonly wait?: boolean;
  /** Give up waiting after this long (default 60 000 ms, `--wait-for-deletions-max`). */
  readonly waitMaxMs?: number;
  /** Called while objects are still being deleted, with the ones left (for a progress message). */
  readonly onWaiting?: (remaining: readonly KubeObjectRef[]) => void;
  readonly signal?: AbortSignal;
}

export interface ReadOptions {
  readonly namespace?: string;
  readonly flags?: KubectlFlags;
  readonly signal?: AbortSignal;
}

/** Applies, deletes and reads back manifests with kubectl, so users' kubectl flags pass through. */
export interface ManifestApplier {
  /** `kubectl apply -f -` of multi-document YAML; resolves with the objects as applied. */
  apply(yaml: string, options?: ApplyOptions): Promise<readonly AppliedObject[]>;
  /** `kubectl delete --ignore-not-found -f -`; resolves with the deleted objects once they are gone. */
  delete(yaml: string, options?: DeleteOptions): Promise<readonly KubeObjectRef[]>;
  /** Deletes every object of the given kinds carrying the label selector in a namespace, waiting as `delete`. */
  deleteSelected(
    kinds: readonly string[],
    labelSelector: string,
    options?: DeleteOptions,
  ): Promise<readonly KubeObjectRef[]>;
  /** The objects of the YAML that exist and carry a `deletionTimestamp` (still being deleted). */
  terminating(yaml: string, options?: ReadOptions): Promise<readonly KubeObjectRef[]>;
  /** `kubectl get <kind/name> -o yaml`: the object as the server has it (one, or a List's items). */
  read(resource: string, options?: ReadOptions): Promise<readonly Readonly<Record<string, unknown>>[]>;
}

export interface ExecRequest {
  readonly namespace: string;
  readonly pod: string;
  /** Defaults to the pod's first container. */
  readonly container?: string;
  readonly command: readonly string[];
  /** Bytes or a byte stream sent to the command's stdin, which is then closed. */
  readonly stdin?: Uint8Array | AsyncIterable<Uint8Array>;
  readonly signal?: AbortSignal;
}

export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
}

/** Runs a command in a container over the API server's exec stream (no process per call). */
export interface PodExec {
  /** Runs the command to completion; a non-zero exit is a result, not an error. */
  exec(request: ExecRequest): Promise<ExecResult>;
}

export interface LogRequest {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly follow?: boolean;
  /** The previous (terminated) instance of the container. */
  readonly previous?: boolean;
  /** Only lines at or after this RFC 3339 time (nanoseconds kept), as the API server compares it. */
  readonly sinceTime?: string;
  readonly sinceSeconds?: number;
  readonly tailLines?: number;
  readonly signal?: AbortSignal;
}

/** One log line without its newline, with the kubelet's RFC 3339 nanosecond timestamp. */
export interface LogLine {
  readonly timestamp: string;
  readonly text: string;
}

/** Reads container logs from the API server as a stream of lines. */
export interface PodLogs {
  /** Streams lines to `onLine` until the log ends (or `signal` aborts); resolves then. */
  stream(request: LogRequest, onLine: (line: LogLine) => void): Promise<void>;
}

/** The kinds the watcher knows, with their object types. */
export interface WatchKinds {
  Pod: Pod;
  Deployment: Deployment;
  StatefulSet: StatefulSet;
  DaemonSet: DaemonSet;
  Job: Job;
  ReplicaSet: ReplicaSet;
  Service: Service;
  Event: KubeEvent;
}

export type WatchKind = keyof WatchKinds;

export interface WatchRequest<K extends WatchKind = WatchKind> {
  readonly kind: K;
  readonly namespace: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

/** A running list+watch; stop() ends it. */
export interface WatchHandle {
  /** Resolves once the initial list has been delivered. */
  readonly synced: Promise<void>;
  stop(): void;
}

/** Lists and watches objects by label selector, re-listing and re-watching transparently on expiry. */
export interface ResourceWatcher {
  /** Calls `onEvent` for every object (the initial list arrives as ADDED) until stopped. */
  watch<K extends WatchKind>(
    request: WatchRequest<K>,
    onEvent: (type: WatchEventType, object: WatchKinds[K]) => void,
    onError?: (error: Error) => void,
  ): WatchHandle;
  /** Lists the objects once. */
  list<K extends WatchKind>(request: WatchRequest<K>): Promise<WatchKinds[K][]>;
}

/** The same watcher, named for consumers that only follow pods. */
export type PodWatcher = ResourceWatcher;

/** Where a forwarded connection goes. */
export interface ForwardTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly port: number;
}

export interface ListenRequest {
  /** Default `127.0.0.1`. */
  readonly address?: string;
  /** 0 picks a free port. A taken port rejects with a TrestleError of code `PORT_IN_USE`. */
  readonly localPort: number;
  /** Consulted for every accepted connection, so one listener can follow a replaced pod. */
  readonly target: () => ForwardTarget | Promise<ForwardTarget>;
  /** A connection that could not be forwarded (the listener keeps running). */
  readonly onError?: (error: Error) => void;
}

/** A local listening socket whose connections are forwarded to pods. */
export interface ForwardListener {
  readonly address: string;
  readonly localPort: number;
  close(): Promise<void>;
}

/** Forwards local TCP connections to pod ports over the API server's port-forward stream. */
export interface PortForwarder {
  /** Starts listening; each connection opens its own stream to the current target. */
  listen(request: ListenRequest): Promise<ForwardListener>;
}

/** The cluster selection Skaffold users know: `--kubeconfig`, `--kube-context`, `-n`. */
export interface KubeClientOptions {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Everything Trestle does with a cluster, as role-named parts. */
export interface KubeClient {
  /** The context in use. */
  readonly context: string;
  /** `-n`, else the context's namespace, else `default`. */
  readonly namespace: string;
  readonly applier: ManifestApplier;
  readonly exec: PodExec;
  readonly logs: PodLogs;
  readonly watcher: ResourceWatcher;
  readonly forwarder: PortForwarder;
}
