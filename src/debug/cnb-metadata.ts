// The process definitions that buildpacks record in the `io.buildpacks.build.metadata` image label.

import { isObject } from "./json.js";

/** One launch process of a buildpacks image. */
export interface CnbProcess {
  readonly type: string;
  /** The executable (direct) or shell script (script process), then any further command words. */
  readonly command: readonly [string, ...string[]];
  readonly args: readonly string[];
  /** Direct processes are exec'd; script processes run through `sh -c` with `args` as positionals. */
  readonly direct: boolean;
}

/** The label's processes, or the reason they cannot be read. */
export type CnbMetadataResult =
  | { readonly ok: true; readonly processes: readonly CnbProcess[] }
  | { readonly ok: false; readonly reason: string };

function strings(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : undefined;
}

/**
 * Reads one process. `command` is a string up to Platform API 0.9 and a list from 0.10 on; a process with
 * no command at all is unusable and skipped.
 */
function readProcess(value: unknown): CnbProcess | undefined {
  if (!isObject(value) || typeof value.type !== "string") return undefined;
  const command = typeof value.command === "string" ? [value.command] : strings(value.command);
  const args = strings(value.args);
  const [first, ...rest] = command ?? [];
  if (first === undefined || args === undefined) return undefined;
  return { type: value.type, command: [first, ...rest], args, direct: value.direct === true };
}

/** Parses the `io.buildpacks.build.metadata` label; an image without it, or without processes, is an error. */
export function parseCnbBuildMetadata(label: string | undefined): CnbMetadataResult {
  if (label === undefined) {
    return { ok: false, reason: "image is missing buildpacks metadata; perhaps built with older lifecycle?" };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(label);
  } catch {
    return { ok: false, reason: "unable to parse image buildpacks metadata" };
  }
  if (!isObject(parsed)) return { ok: false, reason: "unable to parse image buildpacks metadata" };
  const raw = Array.isArray(parsed.processes) ? parsed.processes : [];
  const processes = raw.map(readProcess).filter((p): p is CnbProcess => p !== undefined);
  if (processes.length === 0) return { ok: false, reason: "buildpacks metadata has no processes" };
  return { ok: true, processes };
}

/** Parses a Platform API version (`0.4`, `v0.10`, `1`) into a comparable pair, or undefined. */
export function parsePlatformApi(value: string | undefined): readonly [number, number] | undefined {
  const match = /^v?(\d+)\.?(\d*)$/.exec(value ?? "");
  if (match === null) return undefined;
  return [Number(match[1]), match[2] === "" || match[2] === undefined ? 0 : Number(match[2])];
}

/** True when the version is at least major.minor. */
export function atLeast(version: readonly [number, number], major: number, minor: number): boolean {
  return version[0] > major || (version[0] === major && version[1] >= minor);
}
