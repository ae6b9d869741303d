/** The status check over watches: every change re-decodes the tracked objects; failures print once each. */
import type { KubeEvent, KubeObjectRef, Pod, WatchHandle, WatchKind } from "../kube/types.js";
import {
  daemonSetVerdict,
  deploymentVerdict,
  jobVerdict,
  Once,
  podMatches,
  podProblem,
  podUnsettled,
  podVerdict,
  statefulSetVerdict,
  type Verdict,
} from "./decode.js";
import type { CheckStatus, ResourceStatus, StatusCheckOptions } from "./types.js";

const CHECKED = ["Deployment", "StatefulSet", "DaemonSet", "Job", "Pod"] as const;
type CheckedKind = (typeof CHECKED)[number];

interface Tracked {
  readonly ref: KubeObjectRef;
  readonly kind: CheckedKind;
  readonly namespace: string;
  readonly label: string;
  verdict: Verdict;
  seen: boolean;
  lastPrinted: string;
  details: string[];
}

const isChecked = (kind: string): kind is CheckedKind => (CHECKED as readonly string[]).includes(kind);
const objectKey = (kind: string, ns: string, name: string): string => `${kind}/${ns}/${name}`;

/** How long to wait for the last log lines of a crashing container before reporting without them. */
const LOG_FETCH_MS = 5_000;

function plural(tracked: readonly Tracked[]): string {
  const kinds = new Set(tracked.map((t) => t.kind));
  if (kinds.size === 1 && kinds.has("Deployment")) return "deployments";
  return "resources";
}

export const checkStatus: CheckStatus = async (resources, options) => {
  const started = Date.now();
  const deadlineMs = (options.deadlineSeconds ?? 600) * 1000;
  const tracked: Tracked[] = [];
  for (const ref of resources) {
    if (!isChecked(ref.kind)) continue;
    const namespace = ref.namespace ?? "default";
    tracked.push({
      ref,
      kind: ref.kind,
      namespace,
      label: `${namespace}:${ref.kind.toLowerCase()}/${ref.name}`,
      verdict: { state: "waiting", message: "waiting for the object to appear" },
      seen: false,
      lastPrinted: "",
      details: [],
    });
  }
  if (tracked.length === 0) return { ok: true, resources: [], durationMs: 0 };

  const out = (line: string): void => void options.out.write(`${line}\n`);
  const objects = new Map<string, unknown>();
  const pods = new Map<string, Pod>();
  const podEvents = new Map<string, KubeEvent[]>();
  const once = new Once();
  const logFetches = new Map<string, Promise<void>>();
  const watches: WatchHandle[] = [];
  /** Restart counts when each pod (by uid) was first seen, and when each container instance was first seen running. */
  const baselines = new Map<string, Map<string, number>>();
  const runningSince = new Map<string, number>();
  let recheck: { at: number; timer: NodeJS.Timeout } | undefined;
  let readyCount = -1;
  let finish: (() => void) | undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));

  const fetchLastLines = (t: Tracked, pod: Pod, container: string): void => {
    const ns = pod.metadata?.namespace ?? t.namespace;
    const name = pod.metadata?.name ?? "";
    const key = `${ns}/${name}/${container}`;
    if (logFetches.has(key)) return;
    const lines: string[] = [];
    const read = (previous: boolean) =>
      options.client.logs.stream(
        {
          namespace: ns,
          pod: name,
          container,
          previous,
          tailLines: 10,
          signal: AbortSignal.timeout(LOG_FETCH_MS),
        },
        (l) => lines.push(l.text),
      );
    const fetching = read(true)
      .catch(() => undefined)
      .then(async () => (lines.length === 0 ? read(false).catch(() => undefined) : undefined))
      .then(() => {
        t.details = lines.map((l) => `    > ${l}`);
        out(`   last lines of ${name}/${container}:`);
        for (const l of t.details) out(l);
        if (lines.length === 0) out("    (the container printed nothing)");
      });
    logFetches.set(key, fetching);
  };

  const observe = (pod: Pod): void => {
    const uid = pod.metadata?.uid ?? `${pod.metadata?.namespace ?? ""}/${pod.metadata?.name ?? ""}`;
    if (!baselines.has(uid))
      baselines.set(uid, new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s.restartCount])));
    for (const s of pod.status?.containerStatuses ?? []) {
      const key = `${uid}/${s.name}/${String(s.restartCount)}`;
      if (s.state?.running && !runningSince.has(key)) {
        const started = Date.parse(s.state.running.startedAt ?? "");
        runningSince.set(key, Number.isNaN(started) ? Date.now() : Math.min(started, Date.now()));
      }
    }
  };

  const recheckAt = (at: number): void => {
    if (recheck !== undefined && recheck.at <= at) return;
    if (recheck !== undefined) clearTimeout(recheck.timer);
    recheck = {
      at,
      timer: setTimeout(
        () => {
          recheck = undefined;
          schedule();
        },
        Math.max(0, at - Date.now()) + 50,
      ),
    };
  };

  /** A workload (or pod) Kubernetes calls ready, held back while one of its pods has not stayed up. */
  const settled = (pods: readonly Pod[], verdict: Verdict): Verdict => {
    const now = Date.now();
    for (const pod of pods) {
      if (pod.metadata?.deletionTimestamp !== undefined) continue;
      const uid = pod.metadata?.uid ?? `${pod.metadata?.namespace ?? ""}/${pod.metadata?.name ?? ""}`;
      const statuses = new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s.restartCount]));
      const unsettled = podUnsettled(
        pod,
        now,
        baselines.get(uid) ?? new Map(),
        (c) => runningSince.get(`${uid}/${c}/${String(statuses.get(c) ?? 0)}`) ?? now,
      );
      if (unsettled === undefined) continue;
      if (unsettled.recheckAt !== undefined) recheckAt(unsettled.recheckAt);
      return { state: "waiting", message: unsettled.message };
    }
    return verdict;
  };

  const verdictOf = (t: Tracked): Verdict => {
    const object = objects.get(objectKey(t.kind, t.namespace, t.ref.name));
    if (object === undefined)
      return t.seen
        ? { state: "failed", reason: "Deleted", message: "was deleted while waiting for it", fatal: true }
        : { state: "waiting", message: "waiting for the object to appear" };
    t.seen = true;
    let verdict: Verdict;
    let selector: Record<string, string> | undefined;
    switch (t.kind) {
      case "Pod": {
        const pod = object as Pod;
        const v = podVerdict(pod, podEvents.get(`${t.namespace}/${t.ref.name}`) ?? []);
        return v.state === "ready" ? settled([pod], v) : v;
      }
      case "Deployment": {
        const d = object as Parameters<typeof deploymentVerdict>[0];
        verdict = deploymentVerdict(d);
        selector = d.spec?.selector.matchLabels;
        break;
      }
      case "StatefulSet": {
        const s = object as Parameters<typeof statefulSetVerdict>[0];
        verdict = statefulSetVerdict(s);
        selector = s.spec?.selector.matchLabels;
        break;
      }
      case "DaemonSet": {
        const d = object as Parameters<typeof daemonSetVerdict>[0];
        verdict = daemonSetVerdict(d);
        selector = d.spec?.selector.matchLabels;
        break;
      }
      case "Job": {
        const j = object as Parameters<typeof jobVerdict>[0];
        verdict = jobVerdict(j);
        selector = j.spec?.selector?.matchLabels;
        break;
      }
    }
    if (verdict.state === "ready" && t.kind !== "Job")
      verdict = settled(
        [...pods.values()].filter((p) => podMatches(p, t.namespace, selector)),
        verdict,
      );
    if (verdict.state !== "waiting") return verdict;
    // Not ready yet: the workload's pods say why.
    for (const pod of pods.values()) {
      if (!podMatches(pod, t.namespace, selector)) continue;
      const problem = podProblem(pod, podEvents.get(`${t.namespace}/${pod.metadata?.name ?? ""}`) ?? []);
      if (problem?.state === "failed")
        return { ...problem, message: `pod ${pod.metadata?.name ?? ""}: ${problem.message}` };
    }
    return verdict;
  };

  const podOf = (t: Tracked, message: string): Pod | undefined => {
    if (t.kind === "Pod") return pods.get(`${t.namespace}/${t.ref.name}`);
    const name = /^pod (\S+):/.exec(message)?.[1];
    return name === undefined ? undefined : pods.get(`${t.namespace}/${name}`);
  };

  const evaluate = (): void => {
    for (const t of tracked) {
      const v = verdictOf(t);
      t.verdict = v;
      if (v.state === "failed") {
        if (once.first(`${t.label}|${v.reason}|${v.message}`)) {
          out(` - ${t.label}: ${v.message}`);
          const pod = v.container === undefined ? undefined : podOf(t, v.message);
          if (pod && v.container !== undefined) fetchLastLines(t, pod, v.container);
        }
      } else if (v.state === "waiting" && v.message !== t.lastPrinted && t.seen) {
        t.lastPrinted = v.message;
        out(` - ${t.label}: ${v.message}`);
      }
    }
    const readyNow = tracked.filter((t) => t.verdict.state === "ready").length;
    if (readyNow !== readyCount) {
      for (const t of tracked)
        if (t.verdict.state === "ready" && t.lastPrinted !== "ready") {
          t.lastPrinted = "ready";
          out(` - ${t.label} is ready.`);
        }
      readyCount = readyNow;
      out(
        `Waiting for ${plural(tracked)} to stabilize... ${String(readyNow)}/${String(tracked.length)} ready`,
      );
    }
    const fatal = tracked.some((t) => t.verdict.state === "failed" && t.verdict.fatal);
    if (readyNow === tracked.length || (fatal && options.tolerateFailuresUntilDeadline !== true)) finish?.();
  };

  let scheduled = false;
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      evaluate();
    });
  };

  const namespaces = [...new Set(tracked.map((t) => t.namespace))];
  let watchError: Error | undefined;
  for (const ns of namespaces) {
    const kinds = new Set<WatchKind>(tracked.filter((t) => t.namespace === ns).map((t) => t.kind));
    kinds.add("Pod");
    for (const kind of kinds) {
      watches.push(
        options.client.watcher.watch({ kind, namespace: ns }, (type, object) => {
          const name = object.metadata?.name ?? "";
          if (kind === "Pod") {
            if (type === "DELETED") pods.delete(`${ns}/${name}`);
            else {
              pods.set(`${ns}/${name}`, object as Pod);
              observe(object as Pod);
            }
          }
          const key = objectKey(kind, ns, name);
          if (type === "DELETED") objects.delete(key);
          else objects.set(key, object);
          schedule();
        }),
      );
    }
    watches.push(
      options.client.watcher.watch(
        { kind: "Event", namespace: ns, fieldSelector: "involvedObject.kind=Pod" },
        (type, event) => {
          if (type === "DELETED") return;
          const key = `${ns}/${event.involvedObject.name ?? ""}`;
          podEvents.set(key, [...(podEvents.get(key) ?? []).slice(-20), event]);
          schedule();
        },
      ),
    );
  }
  const onAbort = (): void => finish?.();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => finish?.(), deadlineMs);
  try {
    await Promise.all(watches.map((w) => w.synced)).catch((error: unknown) => {
      watchError = error instanceof Error ? error : new Error(String(error));
      finish?.();
    });
    if (watchError) throw watchError;
    evaluate();
    await done;
  } finally {
    clearTimeout(timer);
    if (recheck !== undefined) clearTimeout(recheck.timer);
    options.signal?.removeEventListener("abort", onAbort);
    for (const w of watches) w.stop();
  }
  await Promise.all(logFetches.values());

  const timedOut = Date.now() - started >= deadlineMs;
  const results: ResourceStatus[] = tracked.map((t): ResourceStatus => {
    const v = t.verdict;
    if (v.state === "ready") return { resource: t.ref, ok: true, message: v.message };
    if (v.state === "failed")
      return { resource: t.ref, ok: false, reason: v.reason, message: v.message, details: t.details };
    const why = options.signal?.aborted
      ? "interrupted"
      : timedOut
        ? `not ready after ${String(options.deadlineSeconds ?? 600)}s`
        : "not ready";
    return {
      resource: t.ref,
      ok: false,
      reason: "DeadlineExceeded",
      message: `${why}: ${v.message}`,
      details: [],
    };
  });
  const failed = results.filter((r) => !r.ok);
  const durationMs = Date.now() - started;
  if (failed.length === 0)
    out(
      `${plural(tracked) === "deployments" ? "Deployments" : "Resources"} stabilized in ${(durationMs / 1000).toFixed(2)}s`,
    );
  else out(`${String(failed.length)}/${String(results.length)} ${plural(tracked)} failed`);
  return { ok: failed.length === 0, resources: results, durationMs };
};

export type { StatusCheckOptions };
