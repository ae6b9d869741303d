/**
 * An artifact's `sync.hooks`: host commands (with Skaffold's environment: SKAFFOLD_IMAGE,
 * SKAFFOLD_BUILD_CONTEXT, SKAFFOLD_FILES_ADDED_OR_MODIFIED, SKAFFOLD_FILES_DELETED, SKAFFOLD_KUBE_CONTEXT,
 * SKAFFOLD_NAMESPACES) and commands in the containers being synced, before and after each sync.
 */
import { resolve } from "node:path";
import type { ResolvedConfig } from "../config/resolved.js";
import type { Artifact } from "../config/schema/index.js";
import type { SyncHookItem } from "../config/schema/hooks.js";
import { goos, hostHookApplies } from "../deploy/hooks.js";
import { userError } from "../errors/errors.js";
import type { KubeClient } from "../kube/types.js";
import type { Exec } from "../proc/exec.js";
import type { DevSyncHooks, HookedSync } from "../runner/dev-loop.js";
import { matchingContainers } from "../sync/kube-syncer.js";

export interface SyncHooksInputs {
  readonly artifacts: readonly Artifact[];
  readonly project: ResolvedConfig;
  readonly exec: Exec;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly kube: Pick<KubeClient, "exec" | "watcher">;
  readonly runId: string;
  readonly kubeContext: string;
  readonly namespaces: () => readonly string[];
  readonly say: (line: string) => void;
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l !== "");
}

/** The runner of every artifact's sync hooks (a no-op for artifacts without them). */
export function syncHooksRunner(inputs: SyncHooksInputs): DevSyncHooks {
  const byImage = new Map<string, { artifact: Artifact; dir: string }>();
  for (const module of inputs.project.modules)
    for (const artifact of module.config.build?.artifacts ?? [])
      byImage.set(artifact.image, { artifact, dir: module.dir });

  const run = async (phase: "before" | "after", sync: HookedSync, signal: AbortSignal): Promise<void> => {
    const entry = byImage.get(sync.image);
    const hooks = entry?.artifact.sync?.hooks;
    const items: readonly SyncHookItem[] = (phase === "before" ? hooks?.before : hooks?.after) ?? [];
    if (entry === undefined || items.length === 0) return;
    const workspace = resolve(entry.dir, entry.artifact.context ?? ".");
    const env = {
      ...inputs.env,
      SKAFFOLD_IMAGE: sync.built.reference,
      SKAFFOLD_BUILD_CONTEXT: workspace,
      SKAFFOLD_FILES_ADDED_OR_MODIFIED: sync.copied.join(";"),
      SKAFFOLD_FILES_DELETED: sync.removed.join(";"),
      SKAFFOLD_KUBE_CONTEXT: inputs.kubeContext,
      SKAFFOLD_NAMESPACES: inputs.namespaces().join(","),
      SKAFFOLD_RUN_ID: inputs.runId,
    };
    const what = `${phase}-sync hook of ${sync.image}`;
    for (const item of items) {
      if (item.host !== undefined) {
        if (!hostHookApplies(item.host, goos())) continue;
        const [command, ...args] = item.host.command;
        if (command === undefined) continue;
        const result = await inputs.exec.run(command, args, {
          cwd: resolve(entry.dir, item.host.dir ?? "."),
          env,
          signal,
        });
        for (const line of lines(result.stdout + result.stderr)) inputs.say(`[sync hook] ${line}`);
        if (result.code !== 0)
          throw userError(
            "HOOK_FAILED",
            `${what} failed: \`${item.host.command.join(" ")}\` exited with ${String(result.code)}`,
            `Fix the hook, or remove it from build.artifacts[].sync.hooks.${phase}.`,
          );
      } else if (item.container !== undefined) {
        for (const namespace of inputs.namespaces()) {
          const pods = await inputs.kube.watcher.list({
            kind: "Pod",
            namespace,
            labelSelector: `skaffold.dev/run-id=${inputs.runId}`,
          });
          for (const target of pods.flatMap((p) => matchingContainers(p, sync.built))) {
            const result = await inputs.kube.exec.exec({
              namespace: target.namespace,
              pod: target.pod,
              container: target.container,
              command: item.container.command,
              signal,
            });
            for (const line of lines(result.stdout.toString() + result.stderr.toString()))
              inputs.say(`[sync hook ${target.pod}/${target.container}] ${line}`);
            if (result.exitCode !== 0)
              throw userError(
                "HOOK_FAILED",
                `${what} failed in ${target.namespace}/${target.pod}/${target.container}: \`${item.container.command.join(" ")}\` exited with ${String(result.exitCode)}`,
                `Fix the hook, or remove it from build.artifacts[].sync.hooks.${phase}.`,
              );
          }
        }
      }
    }
  };
  return {
    before: (sync, signal) => run("before", sync, signal),
    after: (sync, signal) => run("after", sync, signal),
  };
}
