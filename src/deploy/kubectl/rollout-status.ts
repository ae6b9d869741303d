/**
 * A status check on `kubectl rollout status` (what Skaffold runs): every applied Deployment, StatefulSet and
 * DaemonSet is waited for in parallel until the deadline; the first failure is reported with kubectl's reason.
 */
import type { Exec } from "../../proc/exec.js";
import type { DeployedResource } from "../types.js";
import type { KubectlTarget } from "./cli-applier.js";

const ROLLED_OUT = new Set(["Deployment", "StatefulSet", "DaemonSet"]);

/** The outcome of the check: failures as one line each. */
export interface RolloutOutcome {
  readonly ok: boolean;
  readonly failures: readonly string[];
}

/** The resources `kubectl rollout status` can wait for. */
export function rolloutTargets(resources: readonly DeployedResource[]): DeployedResource[] {
  return resources.filter((r) => ROLLED_OUT.has(r.kind));
}

/** Waits for every workload to roll out within `deadlineSeconds`, printing one line per workload. */
export async function rolloutStatus(
  exec: Exec,
  target: KubectlTarget,
  resources: readonly DeployedResource[],
  deadlineSeconds: number,
  output: (line: string) => void,
  signal: AbortSignal,
): Promise<RolloutOutcome> {
  const workloads = rolloutTargets(resources);
  if (workloads.length === 0) return { ok: true, failures: [] };
  output(`Waiting for deployments to stabilize (deadline ${String(deadlineSeconds)}s)...`);
  const started = Date.now();
  const results = await Promise.all(
    workloads.map(async (w) => {
      const args = [
        ...(target.kubeContext === undefined ? [] : ["--context", target.kubeContext]),
        ...(target.kubeconfig === undefined ? [] : ["--kubeconfig", target.kubeconfig]),
        ...(w.namespace === undefined ? [] : ["--namespace", w.namespace]),
        "rollout",
        "status",
        `${w.kind.toLowerCase()}/${w.name}`,
        `--timeout=${String(deadlineSeconds)}s`,
      ];
      const result = await exec.run(target.kubectl ?? "kubectl", args, { env: target.env, signal });
      const where = `${w.namespace ?? ""}:${w.kind.toLowerCase()}/${w.name}`;
      if (result.code === 0) {
        output(` - ${where} is ready.`);
        return undefined;
      }
      const reason = (result.stderr.trim() || result.stdout.trim()).split("\n").pop() ?? "";
      output(` - ${where} failed: ${reason}`);
      return `${where}: ${reason}`;
    }),
  );
  const failures = results.filter((r): r is string => r !== undefined);
  if (failures.length === 0)
    output(`Deployments stabilized in ${((Date.now() - started) / 1000).toFixed(1)}s.`);
  return { ok: failures.length === 0, failures };
}
