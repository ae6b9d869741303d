import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { StringDecoder } from "node:string_decoder";
import { externalError } from "../errors/errors.js";
import { LineBuffer } from "../util/lines.js";

/** The result of a finished child process. */
export interface ExecResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Which output stream a line came from. */
export type OutputStream = "stdout" | "stderr";

export interface ExecOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Aborting it ends the child and everything it started: the child runs in its own process group, which
   * gets SIGTERM, then SIGKILL after `killGraceMs`; `run` rejects with an `AbortError`.
   */
  readonly signal?: AbortSignal;
  readonly input?: string;
  /** Each line of output (without its newline) as soon as it is complete; the result still holds it all. */
  readonly onLine?: (line: string, stream: OutputStream) => void;
  /** How long a process group has between SIGTERM and SIGKILL after an abort (default 3000 ms). */
  readonly killGraceMs?: number;
}

/** Runs child processes; the only door to `child_process` in Trestle. */
export interface Exec {
  run(command: string, args: readonly string[], options?: ExecOptions): Promise<ExecResult>;
}

function missingTool(command: string, cause: unknown): Error {
  return externalError(
    "TOOL_NOT_FOUND",
    `'${command}' was not found on PATH`,
    `Install ${command}, or add it to PATH.`,
    cause,
  );
}

function abortError(signal: AbortSignal): Error {
  const error = new Error("The operation was aborted", { cause: signal.reason });
  error.name = "AbortError";
  return Object.assign(error, { code: "ABORT_ERR" });
}

/** Process groups started with a signal that may still have members; killed when Trestle exits. */
const groups = new Set<number>();
let exitHookInstalled = false;

function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: the whole group is gone
  }
}

function trackGroup(pgid: number): void {
  groups.add(pgid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const group of groups) killGroup(group, "SIGKILL");
  });
}

/** SIGTERM to the child's whole group now, SIGKILL to what is left after `graceMs`. */
function endGroup(child: ChildProcess, graceMs: number): void {
  const pgid = child.pid;
  if (pgid === undefined) return;
  if (!killGroup(pgid, "SIGTERM")) {
    groups.delete(pgid);
    return;
  }
  const timer = setTimeout(() => {
    killGroup(pgid, "SIGKILL");
    groups.delete(pgid);
  }, graceMs);
  timer.unref();
}

/** The real implementation, on Node's child_process. */
export const processExec: Exec = {
  run(command, args, options = {}) {
    const { signal } = options;
    if (signal?.aborted === true) return Promise.reject(abortError(signal));
    // Its own process group, so that an abort reaches grandchildren too (a shell's children, go's compilers).
    const ownGroup = signal !== undefined && process.platform !== "win32";
    return new Promise((resolve, reject) => {
      const child = spawn(command, [...args], {
        cwd: options.cwd,
        env: options.env as NodeJS.ProcessEnv | undefined,
        stdio: ["pipe", "pipe", "pipe"],
        detached: ownGroup,
      });
      if (ownGroup && child.pid !== undefined) trackGroup(child.pid);
      let settled = false;
      const settle = (finish: () => void): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        finish();
      };
      const onAbort = (): void => {
        if (ownGroup) endGroup(child, options.killGraceMs ?? 3000);
        else child.kill("SIGTERM");
        settle(() => {
          reject(abortError(signal as AbortSignal));
        });
      };
      signal?.addEventListener("abort", onAbort, { once: true });

      const collect = (stream: OutputStream, into: Buffer[]): ((chunk: Buffer) => void) => {
        const { onLine } = options;
        if (onLine === undefined) return (chunk) => into.push(chunk);
        const decoder = new StringDecoder("utf8");
        const lines = new LineBuffer((line) => {
          onLine(line, stream);
        });
        child.once("close", () => {
          lines.push(decoder.end());
          lines.flush();
        });
        return (chunk) => {
          into.push(chunk);
          lines.push(decoder.write(chunk));
        };
      };
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout?.on("data", collect("stdout", out));
      child.stderr?.on("data", collect("stderr", err));
      child.on("error", (error: NodeJS.ErrnoException) => {
        if (child.pid !== undefined) groups.delete(child.pid);
        settle(() => {
          reject(error.code === "ENOENT" ? missingTool(command, error) : error);
        });
      });
      child.on("exit", () => {
        // The leader is gone; the group may live on only after an abort, and then endGroup owns it.
        if (child.pid !== undefined && !(signal?.aborted ?? false)) groups.delete(child.pid);
      });
      child.on("close", (code) => {
        settle(() => {
          resolve({
            code: code ?? 1,
            stdout: Buffer.concat(out).toString("utf8"),
            stderr: Buffer.concat(err).toString("utf8"),
          });
        });
      });
      // A child that exits without reading its input closes the pipe: not an error of ours.
      child.stdin?.on("error", () => undefined);
      child.stdin?.end(options.input ?? "");
    });
  },
};

/** Runs a command synchronously and returns its trimmed stdout (for the template `cmd` function). */
export function runCommandSync(command: string, args: readonly string[], cwd?: string): string {
  const result = spawnSync(command, [...args], { cwd, encoding: "utf8" });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw code === "ENOENT" ? missingTool(command, result.error) : result.error;
  }
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} exited with ${result.status ?? "a signal"}: ${result.stderr.trim()}`,
    );
  }
  return result.stdout.trim();
}
