/** Wires the run pipeline for `run` and `deploy`: the project's modules, the cluster doors, the flags. */
import type { BuildOutputEntry } from "../build/types.js";
import type { ResolvedConfig } from "../config/resolved.js";
import { MANAGED_BY_VALUE } from "../manifest/labels.js";
import { createRuntime, type DeployRuntimeOptions, type Runtime } from "../runner/create-runner.js";
import { runPipeline, type RunPipelineResult } from "../runner/run-pipeline.js";
import { parseDurationMs } from "./argv.js";
import type { CommandContext } from "./command-spec.js";
import { deploySetup, modulePlans, type DeploySetup } from "./deploy-setup.js";
import { clusterDoors, type ClusterDoors } from "./cluster-doors.js";

/** How the images are obtained. */
export type ImageSource =
  | { readonly kind: "build"; readonly build: () => Promise<readonly BuildOutputEntry[]> }
  | { readonly kind: "given"; readonly images: readonly BuildOutputEntry[] };

/** The pieces every deploying command starts from: run facts, the runtime, the cluster doors, deployer options. */
export function deployRuntime(
  context: CommandContext,
  project: ResolvedConfig,
  extra: Pick<DeployRuntimeOptions, "dockerDebug"> = {},
): {
  readonly setup: DeploySetup;
  readonly runtime: Runtime;
  readonly doors: ClusterDoors;
  readonly deployOptions: DeployRuntimeOptions;
} {
  const flags = context.parsed.flags;
  const setup = deploySetup(context);
  const runtime = createRuntime(project, {
    env: setup.env,
    cwd: context.cwd,
    insecureRegistries: [],
    skipTests: true,
  });
  const doors = clusterDoors(context, project, setup, runtime);
  const deployOptions: DeployRuntimeOptions = {
    env: setup.env,
    kubeContext: setup.kubeContext,
    kubeconfig: setup.kubeconfig,
    force: flags.bool("force"),
    waitForDeletions: {
      enabled: flags.bool("wait-for-deletions"),
      maxMs: parseDurationMs(flags.string("wait-for-deletions-max")) ?? 60_000,
      delayMs: parseDurationMs(flags.string("wait-for-deletions-delay")) ?? 2_000,
    },
    managedBy: MANAGED_BY_VALUE,
    applier: () => doors.kube().applier,
    helmPostRenderer: doors.helmPostRenderer,
    ...extra,
  };
  return { setup, runtime, doors, deployOptions };
}

/** Runs render → deploy → status (→ attach) for the project, with images built or given. */
export async function deployProject(
  context: CommandContext,
  project: ResolvedConfig,
  source: ImageSource,
  options: { readonly stayAttached: boolean; readonly cleanupOnInterrupt: boolean; readonly render: boolean },
): Promise<{ readonly setup: DeploySetup; readonly result: RunPipelineResult }> {
  const { setup, runtime, doors, deployOptions } = deployRuntime(context, project);
  const plans = modulePlans(project, runtime, deployOptions, options.render ? doors.render : undefined);
  const result = await runPipeline(
    {
      runId: setup.runId,
      labels: setup.labels,
      namespace: setup.namespace,
      kubeContext: setup.kubeContext,
      images: source.kind === "given" ? source.images : [],
      stayAttached: options.stayAttached,
      cleanupOnInterrupt: options.cleanupOnInterrupt,
      iteration: 0,
      iterativeStatusCheck: context.parsed.flags.bool("iterative-status-check"),
      signal: context.signal,
    },
    {
      build: source.kind === "build" ? source.build : undefined,
      modules: plans,
      statusCheck: doors.statusCheck,
      attach: doors.attach,
      hooks: { exec: runtime.exec, env: setup.env, targets: doors.hookTargets },
      output: setup.say,
    },
  );
  return { setup, result };
}
