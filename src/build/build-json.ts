/**
 * Skaffold's `build.json`: what `build --file-output` writes and `--build-artifacts` (a file, or `-` for stdin)
 * reads, `{"builds":[{"imageName":"app","tag":"app:v1@sha256:…"}]}`. Reading follows Go's `encoding/json`
 * (field names match case-insensitively, unknown fields are ignored, `null` is empty) but rejects, with the
 * file and entry named, what Skaffold would only trip over later: wrong types, entries without an image or tag.
 */
import { readFile } from "node:fs/promises";
import { userError } from "../errors/errors.js";
import type { TrestleError } from "../errors/errors.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { jsonSyntaxError } from "./build-json-syntax.js";
import type { BuildOutputEntry } from "./types.js";

/** A build.json entry; `runtimeType` is the artifact's, kept so a round trip loses nothing. */
export interface BuildJsonEntry extends BuildOutputEntry {
  readonly runtimeType?: string;
}

type Field = "imageName" | "tag" | "runtimeType";

function invalid(source: string, problem: string): TrestleError {
  return userError(
    "BUILD_ARTIFACTS_INVALID",
    `${source}: ${problem}`,
    'Expected the output of `build --file-output`: {"builds":[{"imageName":"…","tag":"…"}]}',
  );
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Go's field matching: an exact name wins, else the last case-insensitive match. */
function field(object: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(object, name)) return object[name];
  let value: unknown;
  for (const [key, v] of Object.entries(object)) if (key.toLowerCase() === name.toLowerCase()) value = v;
  return value;
}

/** JSON.parse's complaint, with the line and column it often leaves out. */
function syntaxProblem(text: string, error: Error): string {
  const at = jsonSyntaxError(text);
  return at === undefined
    ? `not valid JSON: ${error.message}`
    : `not valid JSON at line ${at.line}, column ${at.column}: ${error.message}`;
}

function parseEntry(value: unknown, where: string, source: string): BuildJsonEntry {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(source, `${where} must be an object, not ${typeName(value)}`);
  }
  const object = value as Record<string, unknown>;
  const text = (name: Field): string | undefined => {
    const v = field(object, name);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") throw invalid(source, `${where}.${name} must be a string, not ${typeName(v)}`);
    return v;
  };
  const imageName = text("imageName") ?? "";
  const tag = text("tag") ?? "";
  const runtimeType = text("runtimeType");
  if (imageName === "") throw invalid(source, `${where} has no imageName`);
  if (tag === "") throw invalid(source, `no tag provided for image [${imageName}] (${where})`);
  return runtimeType === undefined || runtimeType === ""
    ? { imageName, tag }
    : { imageName, tag, runtimeType };
}

/** Parses build.json text; `source` names it in errors (a path, or "standard input"). */
export function parseBuildJson(text: string, source: string): BuildJsonEntry[] {
  const json = text.startsWith("\uFEFF") ? text.slice(1) : text; // editors on Windows add a byte-order mark
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw invalid(source, syntaxProblem(json, error as Error));
  }
  if (parsed === null) return [];
  if (typeof parsed !== "object" || Array.isArray(parsed)) {
    throw invalid(source, `the top level must be an object with "builds", not ${typeName(parsed)}`);
  }
  const builds = field(parsed as Record<string, unknown>, "builds");
  if (builds === undefined || builds === null) return [];
  if (!Array.isArray(builds)) throw invalid(source, `"builds" must be an array, not ${typeName(builds)}`);
  return builds.map((entry, i) => parseEntry(entry, `builds[${i}]`, source));
}

/** Skaffold's exact bytes: compact JSON, fields in Go's order, no trailing newline. */
export function formatBuildJson(entries: readonly BuildJsonEntry[]): string {
  const builds = entries.map((e) =>
    e.runtimeType === undefined || e.runtimeType === ""
      ? { imageName: e.imageName, tag: e.tag }
      : { imageName: e.imageName, tag: e.tag, runtimeType: e.runtimeType },
  );
  // Go's encoder escapes U+2028 and U+2029 even with HTML escaping off.
  return JSON.stringify({ builds })
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Where `--build-artifacts -` reads from (a test seam). */
export interface BuildJsonInput {
  readonly readStdin: () => Promise<string>;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

const processInput: BuildJsonInput = { readStdin: () => readAll(process.stdin) };

/** Reads `--build-artifacts`: the file at `value`, or standard input for `-`. */
export async function readBuildArtifacts(
  value: string,
  input: BuildJsonInput = processInput,
): Promise<BuildJsonEntry[]> {
  if (value === "-") return parseBuildJson(await input.readStdin(), "standard input");
  let text: string;
  try {
    text = await readFile(value, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw userError(
      code === "ENOENT" ? "BUILD_ARTIFACTS_NOT_FOUND" : "BUILD_ARTIFACTS_UNREADABLE",
      code === "ENOENT"
        ? `build artifacts file ${value} does not exist`
        : `cannot read ${value}: ${(error as Error).message}`,
      "Pass the file written by `trestle build --file-output=<file>`, or - to read it from standard input.",
    );
  }
  return parseBuildJson(text, value);
}

/** Writes `--file-output` atomically. */
export async function writeBuildJson(path: string, entries: readonly BuildJsonEntry[]): Promise<void> {
  await writeFileAtomic(path, formatBuildJson(entries));
}
