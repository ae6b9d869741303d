/** Pure decoding of workload and pod status into "ready", "waiting because …" or a failure with its reason. */
import type { DaemonSet, Deployment, Job, KubeEvent, Pod, StatefulSet } from "../kube/types.js";
import type { FailureReason } from "./types.js";

/** What one object's status says now. `fatal` failures end the check unless failures are tolerated. */
export type Verdict =
  | { readonly state: "ready"; readonly message: string }
  | { readonly state: "waiting"; readonly message: string }
  | {
      readonly state: "failed";
      readonly reason: FailureReason;
      readonly message: string;
      readonly fatal: boolean;
      /** The crashing container, whose last log lines explain the failure. */
      readonly container?: string;
    };

const ready = (message: string): Verdict => ({ state: "ready", message });
const waiting = (message: string): Verdict => ({ state: "waiting", message });

/** A crash-looping container is a failure once it has crashed this often (one early exit is often a dependency not up yet). */
export const CRASH_RESTARTS = 2;

/** Decodes a pod's own problems (images, crashes, OOM, scheduling, probes); undefined when it has none. */
export function podProblem(pod: Pod, events: readonly KubeEvent[] = []): Verdict | undefined {
  const specImages = new Map<string, string>();
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])])
    specImages.set(c.name, c.image ?? "");
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const s of statuses) {
    const image = specImages.get(s.name) ?? s.image;
    const w = s.state?.waiting;
    const detail = w?.message ? `: ${w.message}` : "";
    if (w?.reason === "ImagePullBackOff" || w?.reason === "ErrImagePull")
      return {
        state: "failed",
        reason: w.reason,
        message: `container ${s.name} cannot pull image ${image} (${w.reason})${detail}`,
        fatal: w.reason === "ImagePullBackOff",
      };
    if (w?.reason === "InvalidImageName")
      return {
        state: "failed",
        reason: "ContainerError",
        message: `container ${s.name} has an invalid image name ${image}${detail}`,
        fatal: true,
      };
    const oom =
      s.lastState?.terminated?.reason === "OOMKilled" || s.state?.terminated?.reason === "OOMKilled";
    if (oom)
      return {
        state: "failed",
        reason: "OOMKilled",
        message: `container ${s.name} was killed for using more memory than its limit (OOMKilled)`,
        fatal: w?.reason === "CrashLoopBackOff" || pod.spec?.restartPolicy === "Never",
        container: s.name,
      };
    if (w?.reason === "CrashLoopBackOff") {
      const last = s.lastState?.terminated;
      const exit = last?.exitCode === undefined ? "" : `, last exit code ${String(last.exitCode)}`;
      return {
        state: "failed",
        reason: "CrashLoopBackOff",
        message: `container ${s.name} is crashing (CrashLoopBackOff, restarted ${String(s.restartCount)} times${exit})`,
        fatal: s.restartCount >= CRASH_RESTARTS,
        container: s.name,
      };
    }
    if (
      w?.reason === "CreateContainerConfigError" ||
      w?.reason === "CreateContainerError" ||
      w?.reason === "RunContainerError"
    )
      return {
        state: "failed",
        reason: "ContainerError",
        message: `container ${s.name}: ${w.reason}${detail}`,
        fatal: false,
      };
  }
  const scheduled = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
  if (scheduled?.status === "False" && scheduled.reason === "Unschedulable")
    return {
      state: "failed",
      reason: "Unschedulable",
      message: `pod cannot be scheduled: ${scheduled.message ?? "no node fits"}`,
      fatal: false,
    };
  const probe = [...events].reverse().find((e) => e.reason === "Unhealthy");
  const isReady = pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
  if (probe && !isReady)
    return {
      state: "failed",
      reason: "ProbeFailing",
      message: probe.message ?? "a probe is failing",
      fatal: false,
    };
  return undefined;
}

/** A standalone pod: ready, succeeded, failed, or why not yet. */
export function podVerdict(pod: Pod, events: readonly KubeEvent[] = []): Verdict {
  if (pod.status?.phase === "Succeeded") return ready("completed");
  if (pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")) return ready("ready");
  const problem = podProblem(pod, events);
  if (problem) return problem;
  if (pod.status?.phase === "Failed")
    return {
      state: "failed",
      reason: "PodFailed",
      message: `pod failed: ${pod.status.message ?? pod.status.reason ?? "a container exited with an error"}`,
      fatal: true,
    };
  const waitingOn = pod.status?.containerStatuses?.find((s) => s.state?.waiting)?.state?.waiting?.reason;
  return waiting(waitingOn ? `waiting: ${waitingOn}` : `pod is ${pod.status?.phase ?? "Pending"}`);
}

export function deploymentVerdict(d: Deployment): Verdict {
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  const progressing = s.conditions?.find((c) => c.type === "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded")
    return {
      state: "failed",
      reason: "ProgressDeadlineExceeded",
      message:
        `rollout exceeded its progress deadline (${String(d.spec?.progressDeadlineSeconds ?? 600)}s): ${progressing.message ?? ""}`.trim(),
      fatal: true,
    };
  if ((s.observedGeneration ?? 0) < (d.metadata?.generation ?? 0))
    return waiting("waiting for the rollout to start");
  const updated = s.updatedReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const total = s.replicas ?? 0;
  if (updated < want) return waiting(`${String(updated)} of ${String(want)} updated replicas`);
  if (total > updated) return waiting(`${String(total - updated)} old replicas pending termination`);
  if (available < updated)
    return waiting(`${String(available)} of ${String(updated)} updated replicas available`);
  return ready(`${String(available)}/${String(want)} available`);
}

export function statefulSetVerdict(s: StatefulSet): Verdict {
  const want = s.spec?.replicas ?? 1;
  const st = s.status;
  if (!st || (st.observedGeneration ?? 0) < (s.metadata?.generation ?? 0))
    return waiting("waiting for the rollout to start");
  const readyCount = st.readyReplicas ?? 0;
  if (readyCount < want) return waiting(`${String(readyCount)} of ${String(want)} replicas ready`);
  if (
    s.spec?.updateStrategy?.type !== "OnDelete" &&
    st.updateRevision &&
    st.currentRevision !== st.updateRevision
  )
    return waiting(`${String(st.updatedReplicas ?? 0)} of ${String(want)} replicas updated`);
  return ready(`${String(readyCount)}/${String(want)} ready`);
}

export function daemonSetVerdict(d: DaemonSet): Verdict {
  const st = d.status;
  if (!st || (st.observedGeneration ?? 0) < (d.metadata?.generation ?? 0))
    return waiting("waiting for the rollout to start");
  const want = st.desiredNumberScheduled;
  const updated = st.updatedNumberScheduled ?? 0;
  const available = st.numberAvailable ?? 0;
  if (updated < want) return waiting(`${String(updated)} of ${String(want)} pods updated`);
  if (available < want) return waiting(`${String(available)} of ${String(want)} pods available`);
  return ready(`${String(available)}/${String(want)} available`);
}

export function jobVerdict(j: Job): Verdict {
  const failed = j.status?.conditions?.find((c) => c.type === "Failed" && c.status === "True");
  if (failed)
    return {
      state: "failed",
      reason: "JobFailed",
      message: `job failed: ${failed.reason ?? ""} ${failed.message ?? ""}`.trim(),
      fatal: true,
    };
  if (j.status?.conditions?.some((c) => c.type === "Complete" && c.status === "True"))
    return ready("completed");
  return waiting(`${String(j.status?.succeeded ?? 0)} of ${String(j.spec?.completions ?? 1)} completions`);
}

/** Whether a pod belongs to a workload: same namespace and its labels satisfy the workload's matchLabels. */
export function podMatches(
  pod: Pod,
  namespace: string,
  matchLabels: Readonly<Record<string, string>> | undefined,
): boolean {
  if (!matchLabels || Object.keys(matchLabels).length === 0) return false;
  if ((pod.metadata?.namespace ?? "") !== namespace) return false;
  const labels = pod.metadata?.labels ?? {};
  return Object.entries(matchLabels).every(([k, v]) => labels[k] === v);
}

/** Remembers which failure lines were already printed, so each is printed once. */
export class Once {
  private readonly seen = new Set<string>();
  /** True the first time a key is offered. Numbers (restart counts, ages) are ignored so a repeating failure stays one line. */
  first(key: string): boolean {
    const normal = key.replace(/\d+/g, "#");
    if (this.seen.has(normal)) return false;
    this.seen.add(normal);
    return true;
  }
}

/** How long a container without a readiness probe must stay up before its pod counts as ready. */
export const SETTLE_MS = 3_000;
/** How long a container that restarted during the check must stay up again. */
export const RESTART_SETTLE_MS = 10_000;

/** Why a pod that Kubernetes calls ready is not trusted yet, and when to look again. */
export interface Unsettled {
  readonly message: string;
  /** Epoch ms at which the pod will have settled if nothing changes; undefined: wait for a change. */
  readonly recheckAt?: number;
}

/**
 * Whether a pod's containers have stayed up. Kubernetes calls a container without a readiness probe ready the
 * instant it runs, so a crash-looping one looks available for a moment: here a container must be running, and
 * have been for {@link SETTLE_MS} (probe-less) or {@link RESTART_SETTLE_MS} (restarted since the check started,
 * `baseline` holding the restart counts first seen). `startedMs` is when the current instance started.
 */
export function podUnsettled(
  pod: Pod,
  now: number,
  baseline: ReadonlyMap<string, number>,
  startedMs: (container: string) => number,
): Unsettled | undefined {
  if (pod.status?.phase === "Succeeded") return undefined;
  const probed = new Set(
    (pod.spec?.containers ?? []).filter((c) => c.readinessProbe !== undefined).map((c) => c.name),
  );
  let recheckAt: number | undefined;
  let message: string | undefined;
  for (const s of pod.status?.containerStatuses ?? []) {
    const name = pod.metadata?.name ?? "";
    const restarted = s.restartCount > (baseline.get(s.name) ?? s.restartCount);
    const w = s.state?.waiting;
    const t = s.state?.terminated;
    if (w || t || !s.state?.running)
      return {
        message: `pod ${name}: container ${s.name} is not running (${w?.reason ?? t?.reason ?? "not started"}${
          s.restartCount > 0 ? `, restarted ${String(s.restartCount)} times` : ""
        })`,
      };
    if (probed.has(s.name) && !restarted) continue;
    const need = restarted ? RESTART_SETTLE_MS : SETTLE_MS;
    const at = startedMs(s.name) + need;
    if (at > now) {
      recheckAt = recheckAt === undefined ? at : Math.max(recheckAt, at);
      message ??= restarted
        ? `pod ${name}: container ${s.name} restarted (${String(s.restartCount)} times); waiting for it to stay up`
        : `pod ${name}: container ${s.name} just started; waiting for it to stay up`;
    }
  }
  return message === undefined ? undefined : { message, ...(recheckAt === undefined ? {} : { recheckAt }) };
}
