import type { CommandContext } from "../command-spec.js";
import { deployProject } from "../deploy-pipeline.js";
import { loadProjectFromFlags } from "../project.js";
import { buildStep } from "./build.js";

/** `trestle run`: build, render, deploy and check the status once; with --tail/--port-forward, stay attached. */
export async function run(context: CommandContext): Promise<number> {
  const flags = context.parsed.flags;
  const project = await loadProjectFromFlags(context);
  const attached =
    flags.bool("tail") || flags.strings("port-forward").some((m) => m !== "off" && m !== "false");
  const { result } = await deployProject(
    context,
    project,
    { kind: "build", build: async () => (await buildStep(context, project, "run", false)).entries },
    { stayAttached: attached, cleanupOnInterrupt: flags.bool("cleanup"), render: true },
  );
  context.stdout.write(
    `Deployed ${String(result.deployed.length)} object(s)${result.namespaces.length > 0 ? ` in ${result.namespaces.join(", ")}` : ""}.\n`,
  );
  return 0;
}
