/** Container lifecycle hooks on the cluster: the run's running containers, and exec over the API server's stream. */
import type { ContainerHookTargets, HookContainer } from "../deploy/hooks.js";
import type { KubeClient } from "../kube/types.js";

/** Lists running containers of pods carrying the labels, and runs hook commands in them through `PodExec`. */
export function kubeHookTargets(kube: () => Pick<KubeClient, "watcher" | "exec">): ContainerHookTargets {
  return {
    async list(namespaces, labels, signal) {
      const selector = Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(",");
      const out: HookContainer[] = [];
      for (const namespace of namespaces) {
        if (signal.aborted) break;
        const pods = await kube().watcher.list({ kind: "Pod", namespace, labelSelector: selector });
        for (const pod of pods) {
          const name = pod.metadata?.name;
          if (name === undefined || pod.metadata?.deletionTimestamp !== undefined) continue;
          if (pod.status?.phase !== "Running") continue;
          for (const s of pod.status.containerStatuses ?? [])
            if (s.state?.running !== undefined) out.push({ namespace, pod: name, container: s.name });
        }
      }
      return out;
    },
    async exec(target, command, signal) {
      const result = await kube().exec.exec({
        namespace: target.namespace,
        pod: target.pod,
        container: target.container,
        command,
        signal,
      });
      return {
        exitCode: result.exitCode,
        stdout: result.stdout.toString("utf8"),
        stderr: result.stderr.toString("utf8"),
      };
    },
  };
}
