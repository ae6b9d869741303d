import { resolve } from "node:path";
import { formatBuildJson, writeBuildJson } from "../../build/build-json.js";
import { eventLine, prefixedLines } from "../../build/scheduler-output.js";
import type { RunMode } from "../../build/types.js";
import { globalConfigCandidates, readGlobalConfig, settingsFor } from "../../config/global-config.js";
import type { ResolvedConfig } from "../../config/resolved.js";
import { TrestleError } from "../../errors/errors.js";
import { isLocalCluster, shouldPush } from "../../kube/local-cluster.js";
import { runBuildPipeline } from "../../runner/build-pipeline.js";
import { createRuntime } from "../../runner/create-runner.js";
import type { CommandContext } from "../command-spec.js";
import { effectiveEnv, lazyKube, loadProjectFromFlags } from "../project.js";

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

/** `trestle build`: tag, check the cache, build what changed, publish, and report the references. */
export async function run(context: CommandContext, mode: RunMode = "build"): Promise<number> {
  const flags = context.parsed.flags;
  const project = await loadProjectFromFlags(context);
  const env = effectiveEnv(context);
  const kube = lazyKube(context, env);
  const settings = settingsFor(
    await readGlobalConfig(globalConfigCandidates(flags.string("config"), env)),
    flags.optionalString("kube-context") ?? "",
  );
  const localSetting = typeof settings["local-cluster"] === "boolean" ? settings["local-cluster"] : undefined;
  const push = shouldPush(flags.tristate("push"), configuredPush(project), () =>
    isLocalCluster(kube.context(), localSetting),
  );
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
  const quiet = flags.bool("quiet");
  const say = (line: string): void => {
    (quiet ? context.stderr : context.stdout).write(`${line}\n`);
  };
  const images = project.modules.flatMap((m) => (m.config.build?.artifacts ?? []).map((a) => a.image));
  const logger = {
    ...context.logger,
    info: (m: string): void => {
      if (!quiet) say(m);
    },
  };
  const started = performance.now();
  const result = await runBuildPipeline(
    project,
    {
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
      dryRun: flags.bool("dry-run"),
      concurrency: flags.int("build-concurrency") ?? -1,
      env,
      home: runtime.home,
      signal: context.signal,
    },
    {
      builder: runtime.builder,
      exec: runtime.exec,
      logger,
      output: prefixedLines(images, true, quiet ? (line) => context.stderr.write(`${line}\n`) : say),
      onEvent: (event) => {
        say(eventLine(event));
      },
      stillExists: runtime.stillExists,
      retag: runtime.retag,
    },
  );
  const output = flags.string("file-output");
  if (output !== "") await writeBuildJson(resolve(context.cwd, output), result.entries);
  if (quiet) context.stdout.write(formatBuildJson(result.entries));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (!result.ok) {
    const failed = result.outcomes
      .filter((o) => o.status !== "succeeded")
      .map((o) => `${o.image} (${o.status})`);
    const first = result.outcomes.find((o) => o.status === "failed");
    const cause = first?.status === "failed" ? first.error : undefined;
    throw new TrestleError(`build failed after ${seconds}s: ${failed.join(", ")}`, {
      kind: cause instanceof TrestleError ? cause.kind : "user",
      code: "BUILD_FAILED",
      hint: cause instanceof Error ? cause.message : "See the build output above.",
    });
  }
  if (!quiet) {
    const built = result.entries.length - result.cached.length;
    say(
      `Build complete in ${seconds}s: ${built} built, ${result.cached.length} from cache${push ? ", pushed" : ""}.`,
    );
    if (result.entries.length > 0) say("Tags used in deployment:");
    for (const entry of result.entries) say(` - ${entry.imageName} -> ${entry.tag}`);
  }
  return 0;
}
