/**
 * The Dockerfile parser's first pass (BuildKit's `parser.Parse`): parser directives (`# escape=`), comments,
 * line continuations, instruction keywords, `--flags`, the JSON (exec) form, and heredoc bodies
 * (`COPY <<EOF /dst`), which are consumed so that their lines are never read as instructions.
 */
import { userError } from "../../errors/errors.js";

/** A here-document attached to an instruction. */
export interface Heredoc {
  readonly name: string;
  readonly content: string;
}

/** One instruction with its raw arguments; nothing is expanded yet. */
export interface Instruction {
  /** Lower-case keyword: `from`, `copy`, `run`… */
  readonly keyword: string;
  /** `--name=value` (or bare `--name`) flags, in order. */
  readonly flags: readonly string[];
  /** The text after the keyword and flags, continuation lines joined. */
  readonly args: string;
  /** The arguments when given in JSON (exec) form. */
  readonly json?: readonly string[];
  readonly heredocs: readonly Heredoc[];
  /** 1-based first and last line in the file. */
  readonly startLine: number;
  readonly endLine: number;
}

/** A parsed Dockerfile: its escape character and instructions. */
export interface ParsedDockerfile {
  readonly escape: string;
  readonly instructions: readonly Instruction[];
}

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const HEREDOC_KEYWORDS = new Set(["run", "copy", "add"]);
const HEREDOC_WORD = /^(\d*)<<(-?)(.+)$/;

function readDirectives(lines: readonly string[]): { escape: string; first: number } {
  let escape = "\\";
  let i = 0;
  for (; i < lines.length; i++) {
    const match = DIRECTIVE.exec(lines[i] ?? "");
    if (!match) break;
    if (match[1]?.toLowerCase() === "escape") {
      const value = match[2] ?? "";
      if (value !== "\\" && value !== "`") {
        throw userError("DOCKERFILE_PARSE", `invalid escape token '${value}' does not match ` + "` or \\");
      }
      escape = value;
    }
  }
  return { escape, first: i };
}

/** Splits off leading `--flag[=value]` words (quotes inside a value are kept together). */
function splitFlags(text: string): { flags: string[]; rest: string } {
  const flags: string[] = [];
  let rest = text.trimStart();
  while (rest.startsWith("--")) {
    let end = 0;
    let quote = "";
    for (; end < rest.length; end++) {
      const c = rest[end] ?? "";
      if (quote !== "") {
        if (c === quote) quote = "";
      } else if (c === '"' || c === "'") quote = c;
      else if (/\s/.test(c)) break;
    }
    flags.push(rest.slice(0, end));
    rest = rest.slice(end).trimStart();
  }
  return { flags, rest };
}

function parseJson(text: string): string[] | undefined {
  if (!text.startsWith("[")) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : undefined;
  } catch {
    return undefined;
  }
}

function unquoteName(word: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(word);
  return quoted ? (quoted[2] ?? "") : word;
}

/** The heredoc markers of an instruction's arguments: name and whether leading tabs are stripped. */
function heredocMarkers(args: string): { name: string; stripTabs: boolean }[] {
  const markers: { name: string; stripTabs: boolean }[] = [];
  for (const word of args.split(/\s+/)) {
    const match = HEREDOC_WORD.exec(word);
    if (match?.[3] !== undefined) markers.push({ name: unquoteName(match[3]), stripTabs: match[2] === "-" });
  }
  return markers;
}

class LineReader {
  index: number;
  constructor(
    readonly lines: readonly string[],
    start: number,
  ) {
    this.index = start;
  }
  get done(): boolean {
    return this.index >= this.lines.length;
  }
  next(): string {
    return this.lines[this.index++] ?? "";
  }
}

function isSkippable(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === "" || trimmed.startsWith("#");
}

/** Reads one logical line (continuations joined, comment and blank lines inside it skipped). */
function readLogicalLine(reader: LineReader, continuation: RegExp): string {
  let text = "";
  for (;;) {
    const line = reader.next();
    const match = continuation.exec(line);
    if (!match) return text + line;
    text += line.slice(0, match.index);
    while (!reader.done && isSkippable(reader.lines[reader.index] ?? "")) reader.index++;
    if (reader.done) return text;
  }
}

function readHeredocs(reader: LineReader, args: string, keyword: string): Heredoc[] {
  if (!HEREDOC_KEYWORDS.has(keyword)) return [];
  return heredocMarkers(args).map(({ name, stripTabs }) => {
    const body: string[] = [];
    while (!reader.done) {
      const raw = reader.next();
      const line = stripTabs ? raw.replace(/^\t+/, "") : raw;
      if (line === name) return { name, content: body.map((l) => `${l}\n`).join("") };
      body.push(line);
    }
    throw userError("DOCKERFILE_PARSE", `unterminated heredoc ${name}`);
  });
}

/** Parses Dockerfile text into instructions. Throws a user error for an unusable escape directive or heredoc. */
export function parseDockerfile(text: string): ParsedDockerfile {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const { escape, first } = readDirectives(lines);
  const continuation = new RegExp(`${escape === "\\" ? "\\\\" : "`"}[ \\t]*$`);
  const reader = new LineReader(lines, first);
  const instructions: Instruction[] = [];
  while (!reader.done) {
    if (isSkippable(reader.lines[reader.index] ?? "")) {
      reader.index++;
      continue;
    }
    const startLine = reader.index + 1;
    const logical = readLogicalLine(reader, continuation).trim();
    const space = logical.search(/\s/);
    const keyword = (space < 0 ? logical : logical.slice(0, space)).toLowerCase();
    const { flags, rest } = splitFlags(space < 0 ? "" : logical.slice(space));
    const heredocs = readHeredocs(reader, rest, keyword);
    const json = parseJson(rest);
    instructions.push({
      keyword,
      flags,
      args: rest,
      ...(json === undefined ? {} : { json }),
      heredocs,
      startLine,
      endLine: reader.index,
    });
  }
  return { escape, instructions };
}

/** The value of `--name=value` among the flags, or undefined; a bare `--name` gives "". */
export function flagValue(flags: readonly string[], name: string): string | undefined {
  for (const flag of flags) {
    if (flag === `--${name}`) return "";
    if (flag.startsWith(`--${name}=`)) return flag.slice(name.length + 3);
  }
  return undefined;
}
