import { eventLine } from "../../build/scheduler-output.js";
import type { BuildOutputEntry } from "../../build/types.js";
import type { ResolvedConfig } from "../../config/resolved.js";
import { TrestleError } from "../../errors/errors.js";
import { runBuildPipeline } from "../../runner/build-pipeline.js";
import { buildSetup } from "../build-setup.js";
import type { CommandContext } from "../command-spec.js";
import { deployProject } from "../deploy-pipeline.js";
import { loadProjectFromFlags } from "../project.js";

/** Builds the artifacts as `trestle build` does (progress on stdout); a failed build is an error. */
export async function buildForDeploy(
  context: CommandContext,
  project: ResolvedConfig,
): Promise<readonly BuildOutputEntry[]> {
  const say = (line: string): void => {
    context.stdout.write(`${line}\n`);
  };
  const setup = await buildSetup(context, project, "run", { say, quiet: false });
  const result = await runBuildPipeline(project, setup.options, {
    ...setup.deps,
    onEvent: (event) => {
      say(eventLine(event));
    },
  });
  if (!result.ok) {
    const failed = result.outcomes
      .filter((o) => o.status !== "succeeded")
      .map((o) => `${o.image} (${o.status})`);
    const first = result.outcomes.find((o) => o.status === "failed");
    const cause = first?.status === "failed" ? first.error : undefined;
    throw new TrestleError(`build failed, nothing was deployed: ${failed.join(", ")}`, {
      kind: cause instanceof TrestleError ? cause.kind : "user",
      code: "BUILD_FAILED",
      hint: cause instanceof Error ? cause.message : "See the build output above.",
    });
  }
  if (result.entries.length > 0) say("Tags used in deployment:");
  for (const entry of result.entries) say(` - ${entry.imageName} -> ${entry.tag}`);
  return result.entries;
}

/** Whether `--tail` or a `--port-forward` mode other than off keeps the command attached. */
export function staysAttached(context: CommandContext): boolean {
  const flags = context.parsed.flags;
  return flags.bool("tail") || flags.strings("port-forward").some((m) => m !== "off" && m !== "false");
}

/** `trestle run`: build, render, deploy and check the status once; with --tail/--port-forward, stay attached. */
export async function run(context: CommandContext): Promise<number> {
  const project = await loadProjectFromFlags(context);
  const { result } = await deployProject(
    context,
    project,
    { kind: "build", build: () => buildForDeploy(context, project) },
    {
      stayAttached: staysAttached(context),
      cleanupOnInterrupt: context.parsed.flags.bool("cleanup"),
      render: true,
    },
  );
  context.stdout.write(
    `Deployed ${String(result.deployed.length)} object(s)${result.namespaces.length > 0 ? ` in ${result.namespaces.join(", ")}` : ""}.\n`,
  );
  return 0;
}
