/**
 * What `build` and the commands that build on the way (`render --digest-source=local|tag|remote`) decide from
 * flags, the global config and the project before running the build pipeline.
 */
import { prefixedLines } from "../build/scheduler-output.js";
import type { RunMode } from "../build/types.js";
import { globalConfigCandidates, readGlobalConfig, settingsFor } from "../config/global-config.js";
import type { ResolvedConfig } from "../config/resolved.js";
import { isLocalCluster, shouldPush } from "../kube/local-cluster.js";
import type { BuildPipelineDeps, BuildPipelineOptions } from "../runner/build-pipeline.js";
import { createRuntime, type Runtime } from "../runner/create-runner.js";
import type { CommandContext } from "./command-spec.js";
import { effectiveEnv, lazyKube } from "./project.js";

function configuredPush(project: ResolvedConfig): boolean | undefined {
  for (const module of project.modules) {
    const push = module.config.build?.local?.push;
    if (push !== undefined) return push;
  }
  return undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The pipeline's options and doors, and the facts commands print or reuse. */
export interface BuildSetup {
  readonly options: BuildPipelineOptions;
  readonly deps: BuildPipelineDeps;
  readonly runtime: Runtime;
  readonly push: boolean;
  readonly insecureRegistries: readonly string[];
  readonly localCluster: () => boolean;
}

/** Builds the options from the command line; `say` receives progress lines, `quiet` sends output to stderr. */
export async function buildSetup(
  context: CommandContext,
  project: ResolvedConfig,
  mode: RunMode,
  io: { readonly say: (line: string) => void; readonly quiet: boolean; readonly dryRun?: boolean },
): Promise<BuildSetup> {
  const flags = context.parsed.flags;
  const env = effectiveEnv(context);
  const kube = lazyKube(context, env);
  const settings = settingsFor(
    await readGlobalConfig(globalConfigCandidates(flags.string("config"), env)),
    flags.optionalString("kube-context") ?? "",
  );
  const localSetting = typeof settings["local-cluster"] === "boolean" ? settings["local-cluster"] : undefined;
  const localCluster = (): boolean => isLocalCluster(kube.context(), localSetting);
  const push = shouldPush(flags.tristate("push"), configuredPush(project), localCluster);
  const defaultRepo =
    flags.optionalString("default-repo") ??
    (typeof settings["default-repo"] === "string" ? settings["default-repo"] : undefined);
  const insecureRegistries = [
    ...flags.strings("insecure-registry"),
    ...stringList(settings["insecure-registries"]),
    ...project.modules.flatMap((m) => m.config.build?.insecureRegistries ?? []),
  ];
  const runtime = createRuntime(project, {
    env,
    cwd: context.cwd,
    insecureRegistries,
    skipTests: flags.bool("skip-tests"),
  });
  const images = project.modules.flatMap((m) => (m.config.build?.artifacts ?? []).map((a) => a.image));
  const logger = {
    ...context.logger,
    info: (m: string): void => {
      if (!io.quiet) io.say(m);
    },
  };
  const options: BuildPipelineOptions = {
    mode,
    push,
    customTag: flags.string("tag"),
    defaultRepo,
    multiLevelRepo:
      typeof settings["multi-level-repo"] === "boolean" ? settings["multi-level-repo"] : undefined,
    cacheArtifacts: flags.bool("cache-artifacts"),
    cacheFile: flags.string("cache-file"),
    platforms: flags.strings("platform"),
    singlePlatform: flags.bool("disable-multi-platform-build"),
    imageFilter: flags.strings("build-image"),
    dryRun: io.dryRun ?? flags.bool("dry-run"),
    concurrency: flags.int("build-concurrency") ?? -1,
    env,
    home: runtime.home,
    signal: context.signal,
  };
  const deps: BuildPipelineDeps = {
    builder: runtime.builder,
    exec: runtime.exec,
    logger,
    output: prefixedLines(images, true, io.quiet ? (line) => context.stderr.write(`${line}\n`) : io.say),
    stillExists: runtime.stillExists,
    retag: runtime.retag,
  };
  return { options, deps, runtime, push, insecureRegistries, localCluster };
}
