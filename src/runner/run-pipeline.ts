/**
 * The one-shot pipeline behind `trestle run`, `deploy` and `apply`: build (or take given images) → render
 * (per module) → deploy (each module's deployers in Skaffold's order, with their hooks) → status check →
 * optionally stay attached (log tailing, port forwarding) until Ctrl+C, then clean up with `--cleanup`.
 * Whatever stops it half-way, the user is told what was applied and what was not.
 */
import type { ActiveForward } from "../access/types.js";
import type { BuildOutputEntry } from "../build/types.js";
import type { DeployHooks } from "../config/schema/hooks.js";
import { runDeployHooks, type HookDeps } from "../deploy/hooks.js";
import type { DeployedResource, Deployer, DeployerKind, KubeManifest } from "../deploy/types.js";
import { TrestleError } from "../errors/errors.js";
import { partialDeployReport } from "./deploy-report.js";

/** One configured deployer of a module, with its lifecycle hooks. */
export interface DeployStep {
  readonly deployer: Deployer;
  readonly hooks: DeployHooks | undefined;
}

/** One module: how its manifests are rendered, and its deployers in Skaffold's order (docker, helm, kpt, kubectl). */
export interface ModulePlan {
  readonly label: string;
  /** Renders the module's manifests for the images; undefined when no deployer of it takes manifests. */
  readonly render: ((builds: readonly BuildOutputEntry[]) => Promise<readonly KubeManifest[]>) | undefined;
  readonly steps: readonly DeployStep[];
  /** Directory of the module's skaffold.yaml (host hooks' working directory). */
  readonly dir: string;
}

/** The outcome of a status check over deployed objects. */
export interface StatusOutcome {
  readonly ok: boolean;
  /** One line per failed resource. */
  readonly failures: readonly string[];
}

/**
 * Something attached to the deployed run (log tailing, port forwards). `run` only stops it at the end; the dev
 * loop also refreshes it after every redeploy and mutes the logs while an iteration runs.
 */
export interface Attachment {
  /** After a (re)deploy: forward newly deployed resources (existing forwards keep their local ports). */
  refresh(namespaces: readonly string[]): Promise<void>;
  /** Holds log lines back, in order, until unmute(). */
  mute(): void;
  unmute(): void;
  stop(): Promise<void>;
  /** The port forwards now active (`trestle debug` reads the local ports of the debug ports). */
  forwards?(): readonly ActiveForward[];
}

/** What the pipeline works with. */
export interface RunPipelineDeps {
  /** Builds the artifacts; undefined when the images are given (`deploy -a`, `apply`). */
  readonly build: (() => Promise<readonly BuildOutputEntry[]>) | undefined;
  readonly modules: readonly ModulePlan[];
  /** Checks the deployed Kubernetes objects; undefined with `--status-check=false`. */
  readonly statusCheck:
    ((resources: readonly DeployedResource[], signal: AbortSignal) => Promise<StatusOutcome>) | undefined;
  /** Starts log tailing and port forwarding for the deployed namespaces; undefined when not asked for. */
  readonly attach: ((namespaces: readonly string[]) => Promise<Attachment>) | undefined;
  readonly hooks: Omit<HookDeps, "cwd">;
  readonly output: (line: string) => void;
}

/** Run-wide settings. */
export interface RunPipelineOptions {
  readonly runId: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly namespace: string | undefined;
  readonly kubeContext: string;
  /** Given images (used when `deps.build` is undefined). */
  readonly images: readonly BuildOutputEntry[];
  /** Stay attached until `signal` aborts (`--tail`, `--port-forward`). */
  readonly stayAttached: boolean;
  /** On Ctrl+C while attached (or during the deploy), delete what was deployed (`run --cleanup`). */
  readonly cleanupOnInterrupt: boolean;
  readonly iteration: number;
  /** `--iterative-status-check`: check what each deployer applied before the next one starts (default: once, at the end). */
  readonly iterativeStatusCheck?: boolean;
  readonly signal: AbortSignal;
}

/** What a finished pipeline produced. */
export interface RunPipelineResult {
  readonly builds: readonly BuildOutputEntry[];
  readonly deployed: readonly DeployedResource[];
  readonly namespaces: readonly string[];
  readonly cleanedUp: boolean;
}

function interrupted(): TrestleError {
  return new TrestleError("interrupted", {
    kind: "user",
    code: "INTERRUPTED",
    exitCode: 130,
    hint: "Stopped by Ctrl+C (or SIGTERM).",
  });
}

/** A status-check failure in iterative mode, passed through the deploy loop's partial-deploy report. */
class StatusStop extends Error {
  constructor(readonly failure: unknown) {
    super("status check failed");
  }
}

function kubeResources(resources: readonly DeployedResource[]): DeployedResource[] {
  return resources.filter((r) => r.deployer !== "docker");
}

/** Runs build → render → deploy → status check (→ attach), reporting partial deploys. */
export async function runPipeline(
  options: RunPipelineOptions,
  deps: RunPipelineDeps,
): Promise<RunPipelineResult> {
  const say = deps.output;
  const builds = deps.build === undefined ? options.images : await deps.build();
  if (options.signal.aborted) throw interrupted();

  const applied: DeployedResource[] = [];
  const namespaces = new Set<string>();
  const rendered = new Map<ModulePlan, readonly KubeManifest[]>();
  const allSteps = deps.modules.flatMap((m) => m.steps.map((s) => ({ module: m, step: s })));
  let current: DeployerKind | undefined;
  let done = 0;
  const checked = new Set<string>();
  const keyOf = (r: DeployedResource): string => `${r.deployer}/${r.kind}/${r.namespace ?? ""}/${r.name}`;
  /** Status-checks the resources not checked yet; a failure (or Ctrl+C meanwhile) is thrown. */
  const checkStatus = async (resources: readonly DeployedResource[]): Promise<void> => {
    const fresh = kubeResources(resources).filter((r) => !checked.has(keyOf(r)));
    if (deps.statusCheck === undefined || fresh.length === 0) return;
    for (const r of fresh) checked.add(keyOf(r));
    const outcome = await deps.statusCheck(fresh, options.signal);
    if (outcome.ok) return;
    if (options.signal.aborted) {
      if (options.cleanupOnInterrupt) await cleanup();
      throw interrupted();
    }
    throw new TrestleError(
      `status check failed: ${String(outcome.failures.length)} resource(s) did not become ready`,
      {
        kind: "user",
        code: "STATUS_CHECK_FAILED",
        hint: outcome.failures.join("\n") || "See the status lines above.",
      },
    );
  };
  const afterHooks: { module: ModulePlan; step: DeployStep }[] = [];

  const hookRun = (phase: "before" | "after", step: DeployStep, signal: AbortSignal) => ({
    phase,
    deployer: step.deployer.kind,
    runId: options.runId,
    kubeContext: options.kubeContext,
    namespaces: [...namespaces],
    labels: { "skaffold.dev/run-id": options.runId },
    output: say,
    signal,
  });

  // The docker deployer's containers are not pods: its container hooks have no cluster targets.
  const hookDeps = (module: ModulePlan, step: DeployStep): HookDeps => ({
    ...deps.hooks,
    cwd: module.dir,
    targets: step.deployer.kind === "docker" ? undefined : deps.hooks.targets,
  });

  const cleanup = async (): Promise<void> => {
    say("Cleaning up...");
    const quiet = new AbortController().signal; // cleanup must not be cancelled by the Ctrl+C that asked for it
    for (const { module, step } of [...allSteps].reverse()) {
      await step.deployer.cleanup({
        manifests: rendered.get(module) ?? [],
        ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
        dryRun: false,
        output: say,
        signal: quiet,
      });
    }
    say("Cleanup complete.");
  };

  try {
    for (const module of deps.modules) {
      const manifests = module.render === undefined ? [] : await module.render(builds);
      rendered.set(module, manifests);
      for (const step of module.steps) {
        if (options.signal.aborted) throw interrupted();
        current = step.deployer.kind;
        await runDeployHooks(step.hooks, hookRun("before", step, options.signal), hookDeps(module, step));
        const result = await step.deployer.deploy({
          runId: options.runId,
          labels: options.labels,
          builds,
          manifests,
          ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
          iteration: options.iteration,
          output: say,
          onApplied: (resources) => {
            for (const r of resources) {
              if (
                !applied.some(
                  (a) =>
                    a.deployer === r.deployer &&
                    a.kind === r.kind &&
                    a.name === r.name &&
                    a.namespace === r.namespace,
                )
              )
                applied.push(r);
            }
          },
          signal: options.signal,
        });
        for (const ns of result.namespaces) namespaces.add(ns);
        for (const r of result.resources) if (r.namespace !== undefined) namespaces.add(r.namespace);
        afterHooks.push({ module, step });
        current = undefined;
        done++;
        if (options.iterativeStatusCheck === true) {
          const mine = applied.filter((r) => r.deployer === step.deployer.kind);
          try {
            await checkStatus(mine);
          } catch (error) {
            const left = allSteps.slice(done).map((s) => s.step.deployer.kind);
            if (left.length > 0 && !options.signal.aborted)
              say(`Not deployed, because the status check failed: ${left.join(", ")}.`);
            throw new StatusStop(error);
          }
        }
      }
    }
  } catch (error) {
    if (error instanceof StatusStop) throw error.failure;
    const reason = options.signal.aborted
      ? "interrupted"
      : error instanceof Error
        ? error.message
        : String(error);
    for (const line of partialDeployReport({
      applied,
      interrupted: current,
      notStarted: allSteps.slice(done + (current === undefined ? 0 : 1)).map((s) => s.step.deployer.kind),
      reason,
    }))
      say(line);
    if (options.signal.aborted && options.cleanupOnInterrupt && (applied.length > 0 || current !== undefined))
      await cleanup();
    throw options.signal.aborted ? interrupted() : error;
  }

  await checkStatus(applied);
  for (const { module, step } of afterHooks)
    await runDeployHooks(step.hooks, hookRun("after", step, options.signal), hookDeps(module, step));

  let cleanedUp = false;
  if (options.stayAttached) {
    const attachment = deps.attach === undefined ? undefined : await deps.attach([...namespaces]);
    say("Press Ctrl+C to stop.");
    await new Promise<void>((resolve) => {
      if (options.signal.aborted) resolve();
      else
        options.signal.addEventListener(
          "abort",
          () => {
            resolve();
          },
          { once: true },
        );
    });
    await attachment?.stop();
    if (options.cleanupOnInterrupt) {
      await cleanup();
      cleanedUp = true;
    }
  }
  return { builds, deployed: applied, namespaces: [...namespaces], cleanedUp };
}
