/** The status check: waits for deployed workloads to become ready and explains why they did not. */
import type { KubeClient, KubeObjectRef } from "../kube/types.js";

/** Why a resource is not ready; each is decoded from pod/workload status and events. */
export type FailureReason =
  | "ImagePullBackOff"
  | "ErrImagePull"
  | "CrashLoopBackOff"
  | "OOMKilled"
  | "Unschedulable"
  | "ProbeFailing"
  | "ProgressDeadlineExceeded"
  | "ContainerError"
  | "JobFailed"
  | "PodFailed"
  | "Deleted"
  | "DeadlineExceeded";

/** The outcome for one checked resource. */
export type ResourceStatus =
  | { readonly resource: KubeObjectRef; readonly ok: true; readonly message: string }
  | {
      readonly resource: KubeObjectRef;
      readonly ok: false;
      readonly reason: FailureReason;
      /** One line, e.g. `container web cannot pull image localhost:5000/nope: ImagePullBackOff`. */
      readonly message: string;
      /** Extra lines (the last log lines of a crashing container). */
      readonly details: readonly string[];
    };

export interface StatusCheckResult {
  readonly ok: boolean;
  readonly resources: readonly ResourceStatus[];
  readonly durationMs: number;
}

export interface StatusCheckOptions {
  readonly client: Pick<KubeClient, "watcher" | "logs">;
  /** `statusCheckDeadlineSeconds`; default 600. */
  readonly deadlineSeconds?: number;
  /** Keep waiting through failures until the deadline instead of failing on the first one. */
  readonly tolerateFailuresUntilDeadline?: boolean;
  /** Progress and failure lines (each failure printed once). */
  readonly out: { write(text: string): unknown };
  readonly signal?: AbortSignal;
}

/** Checks the given applied objects (kinds other than Deployment, StatefulSet, DaemonSet, Job and Pod are ignored). */
export type CheckStatus = (
  resources: readonly KubeObjectRef[],
  options: StatusCheckOptions,
) => Promise<StatusCheckResult>;
