import { dirname, join, resolve } from "node:path";
import { withEnvFile, type Env } from "../config/env-file.js";
import { loadProject, type LoadOptions } from "../config/load-project.js";
import { defaultRemoteCacheDir, gitRemoteConfigCache, type SyncPolicy } from "../config/remote-configs.js";
import type { ResolvedConfig } from "../config/resolved.js";
import { isUrl } from "../config/source.js";
import { kubeconfigPaths, readKubeconfig, type KubeconfigSummary } from "../kube/kubeconfig.js";
import { processExec } from "../proc/exec.js";
import type { CommandContext } from "./command-spec.js";

/** The environment after the env file: --env-file, else skaffold.env beside the config when it exists. */
export function effectiveEnv(context: CommandContext): Env {
  const explicit = context.parsed.flags.string("env-file");
  if (explicit) return withEnvFile(context.env, resolve(context.cwd, explicit), true);
  const filename = context.parsed.flags.string("filename");
  if (isUrl(filename)) return context.env;
  return withEnvFile(context.env, join(dirname(resolve(context.cwd, filename)), "skaffold.env"), false);
}

/** Lazily read kubeconfig facts: only commands and profiles that need them pay for reading it. */
export function lazyKube(
  context: CommandContext,
  env: Env,
): { context: () => string; namespace: () => string } {
  let summary: KubeconfigSummary | undefined;
  const read = (): KubeconfigSummary =>
    (summary ??= readKubeconfig(kubeconfigPaths(context.parsed.flags.optionalString("kubeconfig"), env)));
  const kubeContext = (): string =>
    context.parsed.flags.optionalString("kube-context") ?? read().currentContext;
  return { context: kubeContext, namespace: () => read().namespaceOf(kubeContext()) ?? "default" };
}

/** Builds the config loader's options from the command line and loads the project. */
export async function loadProjectFromFlags(
  context: CommandContext,
  overrides: Partial<LoadOptions> = {},
): Promise<ResolvedConfig> {
  const flags = context.parsed.flags;
  const env = effectiveEnv(context);
  const kube = lazyKube(context, env);
  const command = context.parsed.command ?? "";
  const project = await loadProject({
    filename: flags.string("filename"),
    cwd: context.cwd,
    env,
    command,
    profiles: flags.strings("profile"),
    profileAutoActivation: flags.bool("profile-auto-activation"),
    propagateProfiles: flags.bool("propagate-profiles"),
    modules: flags.strings("module"),
    kubeContext: kube.context,
    currentNamespace: kube.namespace,
    remoteConfigs: gitRemoteConfigCache(
      processExec,
      flags.optionalString("remote-cache-dir") ?? defaultRemoteCacheDir(env),
      flags.string("sync-remote-cache") as SyncPolicy,
    ),
    ...overrides,
  });
  for (const warning of new Set(project.modules.flatMap((m) => m.warnings))) context.logger.warn(warning);
  return project;
}
