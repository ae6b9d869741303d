import { userError } from "../../errors/errors.js";
import type { CommandContext } from "../command-spec.js";
import { loadProjectFromFlags } from "../project.js";

/** `trestle inspect modules list` and `trestle inspect profiles list`, as JSON like Skaffold's. */
export async function run(context: CommandContext): Promise<number> {
  const [what, verb] = context.parsed.args;
  if ((what !== "modules" && what !== "profiles") || verb !== "list") {
    throw userError(
      "USAGE",
      `unknown inspect command "${context.parsed.args.join(" ")}"`,
      "Usage: trestle inspect modules list | trestle inspect profiles list",
      127,
    );
  }
  const includeAll = context.parsed.flags.bool("all");
  const project = await loadProjectFromFlags(context, what === "modules" ? { modules: [] } : {});
  if (what === "modules") {
    const modules = project.modules
      .filter((m) => m.name !== undefined || includeAll)
      .map((m) => ({
        name: m.name ?? `__config_${m.index}`,
        path: m.file,
        ...(m.isRoot ? { isRoot: true } : {}),
      }));
    context.stdout.write(`${JSON.stringify({ modules })}\n`);
  } else {
    const profiles = project.modules.flatMap((m) =>
      m.definedProfiles.map((name) => ({ name, path: m.file, ...(m.name ? { module: m.name } : {}) })),
    );
    context.stdout.write(`${JSON.stringify({ profiles })}\n`);
  }
  return 0;
}
