/**
 * What run, deploy, apply and delete share: the run id and labels, the cluster selection, and each module's
 * plan (its renderer and its deployers, built in the composition root).
 */
import { randomUUID } from "node:crypto";
import type { BuildOutputEntry } from "../build/types.js";
import type { Env } from "../config/env-file.js";
import { moduleLabel, type ResolvedConfig } from "../config/resolved.js";
import { configuredDeployers } from "../deploy/deployers.js";
import type { KubeManifest } from "../deploy/types.js";
import { parseLabelFlags, runLabels } from "../manifest/labels.js";
import type { ModulePlan } from "../runner/run-pipeline.js";
import { createDeployerFactories, type DeployRuntimeOptions, type Runtime } from "../runner/create-runner.js";
import type { CommandContext } from "./command-spec.js";
import { effectiveEnv, lazyKube } from "./project.js";

/** The run-wide facts of a deploying command. */
export interface DeploySetup {
  readonly env: Env;
  readonly runId: string;
  readonly labels: Readonly<Record<string, string>>;
  /** `-n`. */
  readonly namespace: string | undefined;
  readonly kubeContext: string;
  readonly kubeconfig: string | undefined;
  readonly say: (line: string) => void;
}

/** Reads the flags every deploying command shares. */
export function deploySetup(context: CommandContext): DeploySetup {
  const flags = context.parsed.flags;
  const env = effectiveEnv(context);
  const kube = lazyKube(context, env);
  const runId = randomUUID();
  return {
    env,
    runId,
    labels: runLabels(runId, parseLabelFlags(flags.strings("label"))),
    namespace: flags.optionalString("namespace"),
    kubeContext: kube.context(),
    kubeconfig: flags.optionalString("kubeconfig"),
    say: (line) => context.stdout.write(`${line}\n`),
  };
}

/** Renders one module's manifests for the given images. */
export type ModuleRender = (
  module: ResolvedConfig["modules"][number],
  builds: readonly BuildOutputEntry[],
) => Promise<readonly KubeManifest[]>;

/** One plan per module: its renderer (when a deployer takes manifests) and its deployers in order. */
export function modulePlans(
  project: ResolvedConfig,
  runtime: Pick<Runtime, "exec" | "daemon">,
  options: DeployRuntimeOptions,
  render: ModuleRender | undefined,
): ModulePlan[] {
  return project.modules.map((module) => {
    const steps = configuredDeployers(
      module.config.deploy,
      createDeployerFactories(module, runtime, options),
    );
    const takesManifests = steps.some((s) => s.deployer.kind === "kubectl" || s.deployer.kind === "kpt");
    return {
      label: moduleLabel(module),
      dir: module.dir,
      render:
        takesManifests && render !== undefined
          ? (builds: readonly BuildOutputEntry[]) => render(module, builds)
          : undefined,
      steps,
    };
  });
}
