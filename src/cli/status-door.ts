/**
 * The status check of a deploying command: src/status's watch-based `checkStatus` over the one cluster client,
 * its deadline and tolerance taken from the flags and the modules' `deploy` sections.
 */
import type { ResolvedConfig } from "../config/resolved.js";
import type { KubeClient } from "../kube/types.js";
import type { RunPipelineDeps } from "../runner/run-pipeline.js";
import { checkStatus } from "../status/check.js";

/** Whether to check status: `--status-check`, else every module's `deploy.statusCheck` (default true). */
export function statusCheckWanted(flag: boolean | undefined, project: ResolvedConfig): boolean {
  if (flag !== undefined) return flag;
  return project.modules.every((m) => m.config.deploy?.statusCheck !== false);
}

/** The largest `statusCheckDeadlineSeconds` of the modules, default 600. */
export function statusDeadline(project: ResolvedConfig): number {
  const set = project.modules.flatMap((m) => {
    const s = m.config.deploy?.statusCheckDeadlineSeconds;
    return s === undefined || s <= 0 ? [] : [s];
  });
  return set.length === 0 ? 600 : Math.max(...set);
}

/** `--tolerate-failures-until-deadline`, or any module's `deploy.tolerateFailuresUntilDeadline`. */
export function toleratesFailures(flag: boolean, project: ResolvedConfig): boolean {
  return flag || project.modules.some((m) => m.config.deploy?.tolerateFailuresUntilDeadline === true);
}

/** The pipeline's status check on the cluster: one line per failed resource, each failure printed once. */
export function kubeStatusCheck(
  kube: () => Pick<KubeClient, "watcher" | "logs" | "namespace">,
  options: {
    readonly deadlineSeconds: number;
    readonly tolerateFailuresUntilDeadline: boolean;
    readonly say: (line: string) => void;
  },
): NonNullable<RunPipelineDeps["statusCheck"]> {
  return async (resources, signal) => {
    const client = kube();
    const result = await checkStatus(
      resources.map((r) => ({
        apiVersion: r.apiVersion,
        kind: r.kind,
        name: r.name,
        namespace: r.namespace ?? client.namespace,
      })),
      {
        client,
        deadlineSeconds: options.deadlineSeconds,
        tolerateFailuresUntilDeadline: options.tolerateFailuresUntilDeadline,
        out: {
          write: (text: string) => {
            for (const line of text.replace(/\n$/, "").split("\n")) options.say(line);
          },
        },
        signal,
      },
    );
    return {
      ok: result.ok,
      failures: result.resources.flatMap((r) =>
        r.ok
          ? []
          : [
              `${r.resource.namespace ?? ""}:${r.resource.kind.toLowerCase()}/${r.resource.name}: ${r.message}`,
            ],
      ),
    };
  };
}
