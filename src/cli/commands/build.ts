import { resolve } from "node:path";
import { formatBuildJson, writeBuildJson } from "../../build/build-json.js";
import { eventLine } from "../../build/scheduler-output.js";
import type { RunMode } from "../../build/types.js";
import { TrestleError } from "../../errors/errors.js";
import { runBuildPipeline } from "../../runner/build-pipeline.js";
import { buildSetup } from "../build-setup.js";
import type { CommandContext } from "../command-spec.js";
import { loadProjectFromFlags } from "../project.js";

/** `trestle build`: tag, check the cache, build what changed, publish, and report the references. */
export async function run(context: CommandContext, mode: RunMode = "build"): Promise<number> {
  const flags = context.parsed.flags;
  const project = await loadProjectFromFlags(context);
  const quiet = flags.bool("quiet");
  const say = (line: string): void => {
    (quiet ? context.stderr : context.stdout).write(`${line}\n`);
  };
  const setup = await buildSetup(context, project, mode, { say, quiet });
  const push = setup.push;
  const started = performance.now();
  const result = await runBuildPipeline(project, setup.options, {
    ...setup.deps,
    onEvent: (event) => {
      say(eventLine(event));
    },
  });
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
