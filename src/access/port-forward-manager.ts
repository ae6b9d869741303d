/**
 * Port forwards that survive redeploys: one local listener per (resource, port), created once and kept;
 * every new connection is sent to the resource's newest ready pod, so a replaced pod needs no new port.
 */
import { isTrestleError } from "../errors/errors.js";
import type { ForwardListener, ForwardTarget, Pod, Service } from "../kube/types.js";
import { automaticLocalPort, candidatePorts, forwardTable } from "./ports.js";
import type { ActiveForward, PortForwardManager, PortForwardManagerOptions } from "./types.js";

const DEBUG_ANNOTATION = "debug.cloud.google.com/config";

interface Wanted {
  readonly key: string;
  readonly type: string;
  readonly name: string;
  readonly namespace: string;
  readonly port: number | string;
  readonly address: string;
  readonly localPort: number | undefined;
}

interface Forward {
  readonly wanted: Wanted;
  readonly listener: ForwardListener;
  pod: string | undefined;
}

const WORKLOADS = new Set([
  "deployment",
  "statefulset",
  "daemonset",
  "replicaset",
  "job",
  "replicationcontroller",
  "cronjob",
]);

function isReady(pod: Pod): boolean {
  return (
    pod.metadata?.deletionTimestamp === undefined &&
    pod.status?.phase === "Running" &&
    (pod.status.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false)
  );
}

/** The newest ready pod, else the newest running one. */
export function newestPod(pods: readonly Pod[]): Pod | undefined {
  const byAge = [...pods].sort((a, b) =>
    (b.metadata?.creationTimestamp ?? "").localeCompare(a.metadata?.creationTimestamp ?? ""),
  );
  return (
    byAge.find(isReady) ?? byAge.find((p) => p.status?.phase === "Running" && !p.metadata?.deletionTimestamp)
  );
}

/** A container port of the pod by number or name. */
export function containerPort(pod: Pod, port: number | string): number | undefined {
  if (typeof port === "number") return port;
  if (/^\d+$/.test(port)) return Number(port);
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? []) if (p.name === port) return p.containerPort;
  return undefined;
}

/**
 * What a pod found by the `pods`/`debug` modes is forwarded as, so that the forward (and its local port) follows
 * replacement pods: a Deployment's pod as `deployment/<name>` (its ReplicaSet's name minus the pod-template-hash),
 * a DaemonSet's or Job's as the owner; StatefulSet pods keep their stable names, bare pods their own.
 */
export function forwardIdentity(pod: Pod): { readonly type: string; readonly name: string } {
  const name = pod.metadata?.name ?? "";
  const owner =
    pod.metadata?.ownerReferences?.find((o) => o.controller === true) ?? pod.metadata?.ownerReferences?.[0];
  if (owner === undefined) return { type: "pod", name };
  const hash = pod.metadata?.labels?.["pod-template-hash"];
  if (owner.kind === "ReplicaSet")
    return hash !== undefined && owner.name.endsWith(`-${hash}`)
      ? { type: "deployment", name: owner.name.slice(0, -(hash.length + 1)) }
      : { type: "replicaset", name: owner.name };
  if (owner.kind === "DaemonSet" || owner.kind === "Job")
    return { type: owner.kind.toLowerCase(), name: owner.name };
  return { type: "pod", name };
}

const selectorOf = (labels: Readonly<Record<string, string>> | undefined): string | undefined =>
  labels && Object.keys(labels).length > 0
    ? Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(",")
    : undefined;

export function createPortForwardManager(options: PortForwardManagerOptions): PortForwardManager {
  const { watcher, forwarder } = options.client;
  const forwards = new Map<string, Forward>();
  const write = (text: string): void => void options.out.write(text);
  let lastTable = "";

  const podsOf = async (namespace: string, selector: string | undefined): Promise<Pod[]> =>
    selector === undefined ? [] : watcher.list({ kind: "Pod", namespace, labelSelector: selector });

  /** Where a connection to this forward goes now. */
  const resolve = async (w: Wanted): Promise<ForwardTarget> => {
    let pod: Pod | undefined;
    let port: number | undefined;
    if (w.type === "pod") {
      pod = (
        await watcher.list({ kind: "Pod", namespace: w.namespace, fieldSelector: `metadata.name=${w.name}` })
      )[0];
      port = pod ? containerPort(pod, w.port) : undefined;
    } else if (w.type === "service") {
      const svc: Service | undefined = (
        await watcher.list({
          kind: "Service",
          namespace: w.namespace,
          fieldSelector: `metadata.name=${w.name}`,
        })
      )[0];
      if (!svc) throw new Error(`service ${w.namespace}/${w.name} not found`);
      const sp = svc.spec?.ports?.find(
        (p) => p.port === w.port || p.name === w.port || String(p.port) === String(w.port),
      );
      pod = newestPod(await podsOf(w.namespace, selectorOf(svc.spec?.selector)));
      const target = sp?.targetPort ?? sp?.port ?? w.port;
      port = pod ? containerPort(pod, target) : undefined;
    } else if (w.type === "cronjob") {
      // A CronJob's pods belong to its Jobs: the newest running pod of any of them.
      const jobs = (await watcher.list({ kind: "Job", namespace: w.namespace })).filter((j) =>
        j.metadata?.ownerReferences?.some((o) => o.kind === "CronJob" && o.name === w.name),
      );
      const candidates: Pod[] = [];
      for (const job of jobs)
        candidates.push(...(await podsOf(w.namespace, selectorOf(job.spec?.selector?.matchLabels))));
      pod = newestPod(candidates);
      port = pod ? containerPort(pod, w.port) : undefined;
    } else {
      const kind = (
        {
          deployment: "Deployment",
          statefulset: "StatefulSet",
          daemonset: "DaemonSet",
          replicaset: "ReplicaSet",
          job: "Job",
        } as const
      )[w.type as "deployment"];
      const workload = (
        await watcher.list({ kind, namespace: w.namespace, fieldSelector: `metadata.name=${w.name}` })
      )[0];
      if (!workload) throw new Error(`${w.type} ${w.namespace}/${w.name} not found`);
      pod = newestPod(await podsOf(w.namespace, selectorOf(workload.spec?.selector?.matchLabels)));
      port = pod ? containerPort(pod, w.port) : undefined;
    }
    if (!pod?.metadata?.name) throw new Error(`no running pod for ${w.type}/${w.name} in ${w.namespace} yet`);
    if (port === undefined) throw new Error(`${w.type}/${w.name} has no port ${String(w.port)}`);
    const forward = forwards.get(w.key);
    if (forward) forward.pod = pod.metadata.name;
    return { namespace: w.namespace, pod: pod.metadata.name, port };
  };

  const wanted = async (): Promise<Wanted[]> => {
    const out: Wanted[] = [];
    const add = (
      type: string,
      name: string,
      namespace: string,
      port: number | string,
      localPort: number | undefined,
      address = "127.0.0.1",
    ): void => {
      const key = `${type}/${namespace}/${name}/${String(port)}`;
      if (!out.some((w) => w.key === key)) out.push({ key, type, name, namespace, port, address, localPort });
    };
    if (options.modes.has("user")) {
      for (const e of options.entries) {
        const type = (e.resourceType ?? "service").toLowerCase();
        if (type === "container" || e.port === undefined || !e.resourceName) continue;
        if (type !== "pod" && type !== "service" && !WORKLOADS.has(type)) continue;
        const port = typeof e.port === "string" && /^\d+$/.test(e.port) ? Number(e.port) : e.port;
        add(
          type,
          e.resourceName,
          e.namespace ?? options.defaultNamespace,
          port,
          e.localPort ?? (typeof port === "number" ? port : undefined),
          e.address,
        );
      }
    }
    for (const namespace of options.namespaces) {
      if (options.modes.has("services")) {
        for (const svc of await watcher.list({
          kind: "Service",
          namespace,
          labelSelector: options.labelSelector,
        }))
          for (const p of svc.spec?.ports ?? [])
            add("service", svc.metadata?.name ?? "", namespace, p.port, automaticLocalPort(p.port));
      }
      if (options.modes.has("pods") || options.modes.has("debug")) {
        for (const pod of await watcher.list({
          kind: "Pod",
          namespace,
          labelSelector: options.labelSelector,
        })) {
          const name = pod.metadata?.name ?? "";
          if (pod.metadata?.deletionTimestamp !== undefined) continue;
          // Pods are replaced on redeploy: forward them by their owner where there is one, so the port stays.
          const id = forwardIdentity(pod);
          if (options.modes.has("pods"))
            for (const c of pod.spec?.containers ?? [])
              for (const p of c.ports ?? [])
                add(id.type, id.name, namespace, p.containerPort, automaticLocalPort(p.containerPort));
          const debug = pod.metadata?.annotations?.[DEBUG_ANNOTATION];
          if (options.modes.has("debug") && debug) {
            try {
              const config = JSON.parse(debug) as Record<string, { ports?: Record<string, number> }>;
              for (const c of Object.values(config))
                for (const p of Object.values(c.ports ?? {}))
                  add(id.type, id.name, namespace, p, automaticLocalPort(p));
            } catch {
              write(`WARN pod ${namespace}/${name} has an unreadable ${DEBUG_ANNOTATION} annotation\n`);
            }
          }
        }
      }
    }
    return out;
  };

  const open = async (w: Wanted): Promise<Forward | undefined> => {
    const inUse = new Set([...forwards.values()].map((f) => f.listener.localPort));
    for (const port of candidatePorts(w.localPort, inUse)) {
      try {
        const listener = await forwarder.listen({
          address: w.address,
          localPort: port,
          target: () => resolve(w),
          onError: (error) => {
            write(`WARN port forward ${w.type}/${w.name}: ${error.message}\n`);
          },
        });
        if (w.localPort !== undefined && port !== w.localPort)
          write(
            `local port ${String(w.localPort)} is taken; forwarding ${w.type}/${w.name} from port ${String(listener.localPort)} instead\n`,
          );
        return { wanted: w, listener, pod: undefined };
      } catch (error) {
        if (!isTrestleError(error) || error.code !== "PORT_IN_USE") throw error;
      }
    }
    return undefined;
  };

  const active = (): ActiveForward[] =>
    [...forwards.values()].map((f) => ({
      resource: `${f.wanted.type}/${f.wanted.name}`,
      namespace: f.wanted.namespace,
      remotePort: f.wanted.port,
      address: f.listener.address,
      localPort: f.listener.localPort,
      pod: f.pod,
    }));

  return {
    async refresh() {
      if (options.signal?.aborted) return active();
      const want = await wanted();
      const keys = new Set(want.map((w) => w.key));
      // Forwards of bare pods that are gone are closed; every other forward keeps its port.
      for (const [key, f] of forwards)
        if (!keys.has(key) && f.wanted.type === "pod" && !options.modes.has("user")) {
          forwards.delete(key);
          await f.listener.close();
        }
      for (const w of want) {
        if (forwards.has(w.key)) continue;
        const f = await open(w);
        if (f) forwards.set(w.key, f);
      }
      // Resolve once now so the table names the pods (and a missing one is reported early).
      await Promise.all([...forwards.values()].map((f) => resolve(f.wanted).catch(() => undefined)));
      const table = forwardTable(active());
      if ((table !== lastTable || options.alwaysPrintTable === true) && forwards.size > 0)
        write(`Port forwarding:\n${table}`);
      lastTable = table;
      return active();
    },
    forwards: active,
    async stop() {
      const all = [...forwards.values()];
      forwards.clear();
      await Promise.all(all.map((f) => f.listener.close()));
    },
  };
}
