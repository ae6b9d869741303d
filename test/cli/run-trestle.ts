import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const conformanceDir = join(repoRoot, "..", "shared", "conformance", "skaffold-examples");
const bin = join(repoRoot, "bin", "trestle.js");

export interface TrestleResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** How long a `trestle` call may take before it is killed: enough for commands that build nothing heavy. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** For calls that run real builds (a cold Go buildpacks build compiles the standard library): 10 minutes. */
export const BUILD_TIMEOUT_MS = 600_000;

/**
 * Runs the built `trestle` executable as a user would (`npm run build` must have run). A call still running
 * after `timeoutMs` (default {@link DEFAULT_TIMEOUT_MS}) is killed, and its stderr ends with a line saying so.
 */
export function trestle(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): TrestleResult {
  if (!existsSync(join(repoRoot, "dist", "trestle.js")))
    throw new Error("dist/trestle.js is missing: run `npm run build` first");
  const home = options.env?.["HOME"] ?? mkdtempSync(join(tmpdir(), "trestle-home-"));
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: "utf8",
    env: { PATH: process.env["PATH"] ?? "", HOME: home, NO_COLOR: "1", ...options.env },
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  const killed =
    result.signal === null
      ? ""
      : `\n[run-trestle] trestle ${args.join(" ")} killed by ${result.signal} after ${String(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)} ms\n`;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: `${result.stderr}${killed}` };
}

/** A scratch copy of a folder, so that a test may write into it. */
export function scratchCopy(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), "trestle-test-"));
  cpSync(source, dir, { recursive: true });
  return dir;
}

/** A scratch folder holding the given files (names may contain folders). */
export function scratchFiles(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), "trestle-test-"));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}
