import { userError } from "../errors/errors.js";
import { nearest } from "../util/nearest.js";
import type { FlagSpec, FlagValue } from "./flag-spec.js";
import { appliesTo, defaultFor, envSuffix } from "./flag-spec.js";
import { flagSpecs } from "./flags.js";

/** Exit code Skaffold uses for command-line usage errors. */
export const USAGE_EXIT_CODE = 127;

/** The parsed command line: a command, its positional arguments and every flag's value. */
export interface ParsedArgs {
  readonly command: string | undefined;
  readonly args: readonly string[];
  readonly flags: FlagValues;
  readonly help: boolean;
}

/** Typed read access to flag values after command line, environment and defaults were merged. */
export class FlagValues {
  constructor(
    private readonly values: ReadonlyMap<string, FlagValue>,
    private readonly explicit: ReadonlySet<string>,
  ) {}

  string(name: string): string {
    const value = this.values.get(name);
    return typeof value === "string" ? value : "";
  }
  optionalString(name: string): string | undefined {
    const value = this.values.get(name);
    return typeof value === "string" && value !== "" ? value : undefined;
  }
  bool(name: string): boolean {
    return this.values.get(name) === true;
  }
  /** A tri-state flag: undefined when neither the command line nor the environment set it. */
  tristate(name: string): boolean | undefined {
    const value = this.values.get(name);
    return typeof value === "boolean" ? value : undefined;
  }
  strings(name: string): readonly string[] {
    const value = this.values.get(name);
    return Array.isArray(value) ? (value as readonly string[]) : [];
  }
  int(name: string): number | undefined {
    const value = this.values.get(name);
    return typeof value === "number" ? value : undefined;
  }
  /** Whether the user set the flag (on the command line or through the environment). */
  isSet(name: string): boolean {
    return this.explicit.has(name);
  }
  entries(): [string, FlagValue][] {
    return [...this.values.entries()];
  }
}

function usage(message: string, hint?: string): Error {
  return userError("USAGE", message, hint ?? "Run 'trestle <command> --help' for usage.", USAGE_EXIT_CODE);
}

function specsFor(command: string | undefined): Map<string, FlagSpec> {
  const byName = new Map<string, FlagSpec>();
  for (const spec of flagSpecs) {
    const applies = command === undefined ? spec.scope === "all" : appliesTo(spec, command);
    if (applies && !byName.has(spec.name)) byName.set(spec.name, spec);
  }
  return byName;
}

function splitList(raw: string): string[] {
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

const BOOL_WORDS: Record<string, boolean> = {
  true: true,
  "1": true,
  t: true,
  false: false,
  "0": false,
  f: false,
};

function convert(spec: FlagSpec, raw: string, previous: FlagValue): FlagValue {
  switch (spec.kind) {
    case "bool":
    case "tristate": {
      const value = BOOL_WORDS[raw.toLowerCase()];
      if (value === undefined)
        throw usage(`invalid value "${raw}" for --${spec.name}: expected true or false`);
      return value;
    }
    case "int": {
      if (!/^-?\d+$/.test(raw))
        throw usage(`invalid value "${raw}" for --${spec.name}: expected a whole number`);
      return Number.parseInt(raw, 10);
    }
    case "strings": {
      const items = splitList(raw);
      checkChoices(spec, items);
      return [...(Array.isArray(previous) ? (previous as readonly string[]) : []), ...items];
    }
    case "duration":
      if (raw !== "" && parseDurationMs(raw) === undefined) {
        throw usage(
          `invalid value "${raw}" for --${spec.name}: expected a duration such as 30s, 5m or 1h30m`,
        );
      }
      return raw;
    case "string":
      checkChoices(spec, [raw]);
      return raw;
  }
}

function checkChoices(spec: FlagSpec, values: readonly string[]): void {
  if (!spec.choices) return;
  for (const value of values) {
    if (!spec.choices.includes(value)) {
      throw usage(
        `invalid value "${value}" for --${spec.name}`,
        `Allowed values: ${spec.choices.filter((c) => c !== "").join(", ")}.`,
      );
    }
  }
}

/** Parses a Go-style duration ("1h30m", "250ms", "10s") into milliseconds. */
export function parseDurationMs(text: string): number | undefined {
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  if (text === "0") return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(re)) {
    total += Number(match[1]) * (units[match[2] ?? ""] ?? 0);
    consumed += match[0].length;
  }
  return consumed === text.length && consumed > 0 ? total : undefined;
}

interface Scan {
  command: string | undefined;
  positionals: string[];
  raw: [FlagSpec, string | undefined][];
  help: boolean;
}

function lookupFlag(token: string, specs: Map<string, FlagSpec>, command: string | undefined): FlagSpec {
  const isShort = !token.startsWith("--");
  const name = token.replace(/^--?/, "");
  const spec = isShort ? [...specs.values()].find((s) => s.short === name) : specs.get(name);
  if (spec) return spec;
  const where = command === undefined ? "" : ` for 'trestle ${command}'`;
  const suggestion = isShort ? undefined : nearest(name, [...specs.keys()]);
  const helpHint = `Run 'trestle ${command === undefined ? "" : `${command} `}--help' for usage.`;
  throw usage(
    `unknown flag ${token}${where}`,
    suggestion ? `Did you mean --${suggestion}? ${helpHint}` : helpHint,
  );
}

function scan(argv: readonly string[], isCommand: (name: string) => boolean): Scan {
  const result: Scan = { command: undefined, positionals: [], raw: [], help: false };
  let specs = specsFor(undefined);
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? "";
    if (token === "--") {
      result.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (token === "-h" || token === "--help") {
      result.help = true;
      continue;
    }
    if (!token.startsWith("-") || token === "-") {
      if (result.command === undefined && isCommand(token)) {
        result.command = token;
        specs = specsFor(token);
      } else {
        result.positionals.push(token);
      }
      continue;
    }
    const eq = token.indexOf("=");
    let flagToken = eq > 0 ? token.slice(0, eq) : token;
    let inline = eq > 0 ? token.slice(eq + 1) : undefined;
    if (!token.startsWith("--") && flagToken.length > 2 && inline === undefined) {
      inline = flagToken.slice(2); // -fskaffold.yaml
      flagToken = flagToken.slice(0, 2);
    }
    const spec = lookupFlag(flagToken, specs, result.command);
    const takesBare = spec.kind === "bool" || spec.kind === "tristate" || spec.bareValue !== undefined;
    if (inline === undefined && !takesBare) {
      if (i + 1 >= argv.length) throw usage(`flag ${flagToken} needs a value`);
      inline = argv[++i];
    }
    result.raw.push([spec, inline]);
  }
  return result;
}

/** Parses argv (without node and script) into a command, positionals and merged flag values. */
export function parseArgv(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  isCommand: (name: string) => boolean,
): ParsedArgs {
  const scanned = scan(argv, isCommand);
  const command = scanned.command;
  const specs = specsFor(command);
  const values = new Map<string, FlagValue>();
  const explicit = new Set<string>();

  for (const [spec, raw] of scanned.raw) {
    if (!specs.has(spec.name))
      throw usage(`flag --${spec.name} does not apply to 'trestle ${command ?? ""}'`);
    const previous = explicit.has(spec.name) ? values.get(spec.name) : undefined;
    values.set(spec.name, raw === undefined ? (spec.bareValue ?? true) : convert(spec, raw, previous));
    explicit.add(spec.name);
  }
  for (const spec of specs.values()) {
    if (explicit.has(spec.name)) continue;
    const suffix = envSuffix(spec.name);
    const fromEnv = env[`TRESTLE_${suffix}`] ?? env[`SKAFFOLD_${suffix}`];
    if (fromEnv !== undefined && fromEnv !== "") {
      values.set(spec.name, convert(spec, fromEnv, undefined));
      explicit.add(spec.name);
    } else {
      values.set(spec.name, command === undefined ? spec.default : defaultFor(spec, command));
    }
  }
  return { command, args: scanned.positionals, flags: new FlagValues(values, explicit), help: scanned.help };
}
