/**
 * Lifecycle hooks around a deploy (`deploy.<deployer>.hooks.before/after`): host commands (filtered by
 * `os`, run in `dir`) and commands in running containers selected by `podName`/`containerName` globs.
 */
import { resolve } from "node:path";
import { goMatch } from "../build/dockerfile/go-match.js";
import type { DeployHookItem, DeployHooks, HostHook, NamedContainerHook } from "../config/schema/hooks.js";
import { userError } from "../errors/errors.js";
import type { Exec } from "../proc/exec.js";

/** One running container a container hook may target. */
export interface HookContainer {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
}

/** Finds the run's running containers and runs commands in them (the cluster's exec stream). */
export interface ContainerHookTargets {
  /** Running containers of pods carrying `labels` in `namespaces`. */
  list(
    namespaces: readonly string[],
    labels: Readonly<Record<string, string>>,
    signal: AbortSignal,
  ): Promise<HookContainer[]>;
  /** Runs `command` in the container; resolves with its exit code and output. */
  exec(
    target: HookContainer,
    command: readonly string[],
    signal: AbortSignal,
  ): Promise<{ readonly exitCode: number; readonly stdout: string; readonly stderr: string }>;
}

/** Go's GOOS name of this platform, as `os:` in a hook lists them. */
export function goos(platform: NodeJS.Platform = process.platform): string {
  return platform === "win32" ? "windows" : platform;
}

/** Whether a host hook runs here: no `os` list, or one naming this platform. */
export function hostHookApplies(hook: HostHook, os: string): boolean {
  return hook.os === undefined || hook.os.length === 0 || hook.os.includes(os);
}

/** The containers a container hook runs in: pod name and container name globs (`*` when unset). */
export function selectContainers(
  hook: NamedContainerHook,
  containers: readonly HookContainer[],
): HookContainer[] {
  return containers.filter(
    (c) => goMatch(hook.podName, c.pod) && goMatch(hook.containerName ?? "*", c.container),
  );
}

/** What a hook run knows about the deploy. */
export interface HookRun {
  readonly phase: "before" | "after";
  readonly deployer: string;
  readonly runId: string;
  readonly kubeContext: string;
  readonly namespaces: readonly string[];
  /** Labels selecting the run's pods for container hooks. */
  readonly labels: Readonly<Record<string, string>>;
  readonly output: (line: string) => void;
  readonly signal: AbortSignal;
}

/** The doors hooks use. */
export interface HookDeps {
  readonly exec: Exec;
  /** Directory the config lives in: a hook's relative `dir` is resolved against it. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Undefined where there is no cluster (Docker deployer). */
  readonly targets: ContainerHookTargets | undefined;
  readonly os?: string;
}

/** The environment Skaffold gives deploy host hooks. */
export function hookEnv(run: HookRun, env: HookDeps["env"]): Record<string, string | undefined> {
  return {
    ...env,
    SKAFFOLD_RUN_ID: run.runId,
    SKAFFOLD_KUBE_CONTEXT: run.kubeContext,
    SKAFFOLD_NAMESPACES: run.namespaces.join(","),
  };
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l !== "");
}

async function runHost(hook: HostHook, run: HookRun, deps: HookDeps): Promise<void> {
  const [command, ...args] = hook.command;
  if (command === undefined) return;
  const result = await deps.exec.run(command, args, {
    cwd: resolve(deps.cwd, hook.dir ?? "."),
    env: hookEnv(run, deps.env),
    signal: run.signal,
  });
  for (const line of lines(result.stdout + result.stderr)) run.output(`[hook] ${line}`);
  if (result.code !== 0) {
    throw userError(
      "HOOK_FAILED",
      `${run.phase}-deploy hook of ${run.deployer} failed: \`${hook.command.join(" ")}\` exited with ${String(result.code)}`,
      "Fix the hook command, or remove it from deploy.<deployer>.hooks.",
    );
  }
}

async function runInContainers(hook: NamedContainerHook, run: HookRun, deps: HookDeps): Promise<void> {
  if (deps.targets === undefined) {
    run.output(`Container hook \`${hook.command.join(" ")}\` skipped: this deployer has no pods.`);
    return;
  }
  const all = await deps.targets.list(run.namespaces, run.labels, run.signal);
  const chosen = selectContainers(hook, all);
  if (chosen.length === 0) {
    run.output(
      `Container hook \`${hook.command.join(" ")}\`: no running container matches pod ${hook.podName}` +
        (hook.containerName === undefined ? "" : `, container ${hook.containerName}`) +
        (run.phase === "before" ? " (before the first deploy there are none)" : ""),
    );
    return;
  }
  for (const target of chosen) {
    const result = await deps.targets.exec(target, hook.command, run.signal);
    for (const line of lines(result.stdout + result.stderr))
      run.output(`[hook ${target.pod}/${target.container}] ${line}`);
    if (result.exitCode !== 0) {
      throw userError(
        "HOOK_FAILED",
        `${run.phase}-deploy hook of ${run.deployer} failed in ${target.namespace}/${target.pod}/${target.container}: \`${hook.command.join(" ")}\` exited with ${String(result.exitCode)}`,
        "Fix the hook command, or remove it from deploy.<deployer>.hooks.",
      );
    }
  }
}

/** The hooks of one phase, in order: each item is a host or a container hook. */
export function hooksOf(
  hooks: DeployHooks | undefined,
  phase: "before" | "after",
): readonly DeployHookItem[] {
  return (phase === "before" ? hooks?.before : hooks?.after) ?? [];
}

/** Runs the hooks of one phase in order; the first failure stops the deploy. */
export async function runDeployHooks(
  hooks: DeployHooks | undefined,
  run: HookRun,
  deps: HookDeps,
): Promise<void> {
  const os = deps.os ?? goos();
  for (const item of hooksOf(hooks, run.phase)) {
    if (item.host !== undefined) {
      if (hostHookApplies(item.host, os)) await runHost(item.host, run, deps);
    } else if (item.container !== undefined) {
      await runInContainers(item.container, run, deps);
    }
  }
}
