import { stringify } from "yaml";
import {
  globalConfigCandidates,
  readGlobalConfig,
  settingsFor,
  updateSetting,
  writeGlobalConfig,
} from "../../config/global-config.js";
import { userError } from "../../errors/errors.js";
import type { CommandContext } from "../command-spec.js";
import { lazyKube } from "../project.js";

/** `trestle config list|set|unset`: the global config, per kube-context or (-g) global. */
export async function run(context: CommandContext): Promise<number> {
  const flags = context.parsed.flags;
  const [verb, key, value, ...rest] = context.parsed.args;
  const candidates = globalConfigCandidates(flags.string("config"), context.env);
  const file = await readGlobalConfig(candidates);
  const kubeContext = (): string => {
    const name = lazyKube(context, context.env).context();
    if (!name)
      throw userError(
        "NO_KUBE_CONTEXT",
        "no current kube-context",
        "Pass --kube-context, or use -g for the global section.",
      );
    return name;
  };
  switch (verb) {
    case "list": {
      const shown = flags.bool("all")
        ? file.data
        : flags.bool("global")
          ? (file.data["global"] ?? {})
          : settingsFor(file, kubeContext());
      context.stdout.write(`# ${file.path}\n${stringify(shown)}`);
      return 0;
    }
    case "set":
    case "unset": {
      if (
        key === undefined ||
        (verb === "set" && value === undefined) ||
        rest.length > 0 ||
        (verb === "unset" && value !== undefined)
      ) {
        throw userError(
          "USAGE",
          `usage: trestle config ${verb} [-g] KEY${verb === "set" ? " VALUE" : ""}`,
          undefined,
          127,
        );
      }
      const section = flags.bool("global") ? ({ global: true } as const) : { kubeContext: kubeContext() };
      const updated = updateSetting(file.data, section, key, verb === "set" ? value : undefined);
      // Writes go to Trestle's own file; a Skaffold config that was only read stays untouched.
      const target = candidates[0] ?? file.path;
      await writeGlobalConfig(target, updated);
      const where = "global" in section ? "global" : `kube-context ${section.kubeContext}`;
      context.stderr.write(
        verb === "set"
          ? `set ${key} to ${value ?? ""} for ${where} in ${target}\n`
          : `unset ${key} for ${where} in ${target}\n`,
      );
      return 0;
    }
    default:
      throw userError(
        "USAGE",
        verb === undefined ? "missing subcommand" : `unknown subcommand "${verb}"`,
        "Usage: trestle config list | set KEY VALUE | unset KEY",
        127,
      );
  }
}
