import { appliesTo, defaultFor, type FlagSpec } from "./flag-spec.js";
import { flagSpecs } from "./flags.js";
import { commandSpecs } from "./commands.js";
import type { CommandSpec } from "./command-spec.js";

function defaultText(spec: FlagSpec, command: string | undefined): string {
  const value = command === undefined ? spec.default : defaultFor(spec, command);
  if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return "";
  if (spec.kind === "bool" && value === false) return "";
  return ` (default ${Array.isArray(value) ? value.join(",") : String(value)})`;
}

function flagLines(specs: readonly FlagSpec[], command: string | undefined): string[] {
  const rows = specs.map((spec) => {
    const short = spec.short ? `-${spec.short}, ` : "    ";
    const arg =
      spec.kind === "bool" || spec.kind === "tristate"
        ? ""
        : spec.kind === "strings"
          ? " list"
          : ` ${spec.kind}`;
    return [`  ${short}--${spec.name}${arg}`, `${spec.description}${defaultText(spec, command)}`] as const;
  });
  const width = Math.min(40, Math.max(...rows.map(([left]) => left.length)) + 2);
  return rows.map(([left, right]) => `${left.padEnd(width)}${right}`);
}

const envNote =
  "Every flag can also be set by an environment variable TRESTLE_<FLAG> or SKAFFOLD_<FLAG>\n(for example TRESTLE_DEFAULT_REPO); the command line wins, then TRESTLE_, then SKAFFOLD_.";

/** `trestle --help`: the command list and the flags every command takes. */
export function mainHelp(): string {
  const visible = commandSpecs.filter((c) => c.hidden !== true);
  const width = Math.max(...visible.map((c) => c.name.length)) + 4;
  const commands = visible.map(
    (c) => `  ${c.name.padEnd(width)}${c.summary}${c.plannedIn ? " (not implemented yet)" : ""}`,
  );
  const globals = flagSpecs.filter((s) => s.scope === "all" && s.hidden !== true);
  return [
    "Trestle: a fast Kubernetes inner loop for skaffold.yaml projects.",
    "",
    "Usage:\n  trestle <command> [flags]",
    "",
    "Commands:",
    ...commands,
    "",
    "Flags for every command:",
    ...flagLines(globals, undefined),
    "",
    envNote,
    "",
    "Run 'trestle <command> --help' for a command's own flags.",
  ].join("\n");
}

/** `trestle <command> --help`. */
export function commandHelp(command: CommandSpec): string {
  const own = flagSpecs.filter((s) => s.scope !== "all" && s.hidden !== true && appliesTo(s, command.name));
  const globals = flagSpecs.filter((s) => s.scope === "all" && s.hidden !== true);
  const sections = [command.summary + ".", "", `Usage:\n  ${command.usage}`];
  if (command.details) sections.push("", command.details);
  if (command.plannedIn) sections.push("", `Not implemented yet (planned in issue ${command.plannedIn}).`);
  if (own.length > 0) sections.push("", "Flags:", ...flagLines(own, command.name));
  sections.push("", "Global flags:", ...flagLines(globals, command.name), "", envNote);
  return sections.join("\n");
}
