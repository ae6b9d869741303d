/**
 * The cluster-facing parts of a deploying command, chosen from its flags: the module renderer, the helm
 * post-renderer (`trestle filter`), the status check, and the targets of container hooks.
 */
import { chmod, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { writeBuildJson } from "../build/build-json.js";
import type { ContainerHookTargets } from "../deploy/hooks.js";
import type { HelmDeployerOptions } from "../deploy/helm/deployer.js";
import { parseLabelFlags } from "../manifest/labels.js";
import { createKubeClient } from "../kube/client.js";
import type { KubeClient } from "../kube/types.js";
import { createModuleRenderer } from "../render/renderer.js";
import type { Runtime } from "../runner/create-runner.js";
import type { RunPipelineDeps } from "../runner/run-pipeline.js";
import type { CommandContext } from "./command-spec.js";
import type { DeploySetup, ModuleRender } from "./deploy-setup.js";
import { kubeHookTargets } from "./hook-targets.js";
import { attachOptions, createAttachment, wantsAttachment } from "./attach.js";
import { kubeStatusCheck, statusCheckWanted, statusDeadline, toleratesFailures } from "./status-door.js";
import type { ResolvedConfig } from "../config/resolved.js";

/** What a deploying command uses from the cluster side. */
export interface ClusterDoors {
  readonly render: ModuleRender;
  readonly helmPostRenderer: HelmDeployerOptions["postRenderer"];
  readonly statusCheck: RunPipelineDeps["statusCheck"];
  readonly attach: RunPipelineDeps["attach"];
  readonly hookTargets: ContainerHookTargets | undefined;
  /** The one client of the cluster (created on first use: commands that never reach the cluster need no kubeconfig). */
  readonly kube: () => KubeClient;
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Builds the cluster doors for a command. */
export function clusterDoors(
  context: CommandContext,
  project: ResolvedConfig,
  setup: DeploySetup,
  runtime: Pick<Runtime, "exec">,
): ClusterDoors {
  const flags = context.parsed.flags;
  const attaching = attachOptions(context);
  const renderers = new Map(
    project.modules.map((m) => [
      m,
      createModuleRenderer(
        m,
        {
          exec: runtime.exec,
          env: setup.env,
          warn: (message) => {
            context.logger.warn(message);
          },
        },
        { kubeContext: setup.kubeContext },
      ),
    ]),
  );
  const entry = process.argv[1] ?? "";
  let client: KubeClient | undefined;
  const kube = (): KubeClient =>
    (client ??= createKubeClient({
      env: setup.env,
      context: setup.kubeContext,
      ...(setup.kubeconfig === undefined ? {} : { kubeconfig: setup.kubeconfig }),
      ...(setup.namespace === undefined ? {} : { namespace: setup.namespace }),
      exec: runtime.exec,
    }));
  return {
    kube,
    render: async (module, builds) => {
      const renderer = renderers.get(module);
      if (renderer === undefined) return [];
      return renderer.render(builds, {
        runId: setup.runId,
        namespace: setup.namespace,
        labels: parseLabelFlags(flags.strings("label")),
        signal: context.signal,
      });
    },
    helmPostRenderer: async (builds, labels, dir) => {
      const artifacts = join(dir, "build.json");
      await writeBuildJson(artifacts, builds);
      const script = join(dir, "post-render.sh");
      const args = [
        "filter",
        "--build-artifacts",
        artifacts,
        ...Object.entries(labels).flatMap(([k, v]) => ["--label", `${k}=${v}`]),
      ];
      await writeFile(
        script,
        `#!/bin/sh\nexec ${[process.execPath, entry, ...args].map(shellQuote).join(" ")}\n`,
      );
      await chmod(script, 0o755);
      return { command: script, args: [] };
    },
    statusCheck: statusCheckWanted(flags.tristate("status-check"), project)
      ? kubeStatusCheck(kube, {
          deadlineSeconds: statusDeadline(project),
          tolerateFailuresUntilDeadline: toleratesFailures(
            flags.bool("tolerate-failures-until-deadline"),
            project,
          ),
          say: setup.say,
        })
      : undefined,
    attach: wantsAttachment(attaching)
      ? createAttachment(context, project, setup, kube, attaching)
      : undefined,
    hookTargets: kubeHookTargets(kube),
  };
}
