import { spawn, spawnSync } from "node:child_process";
import { externalError } from "../errors/errors.js";

/** The result of a finished child process. */
export interface ExecResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ExecOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
  readonly input?: string;
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

/** The real implementation, on Node's child_process. */
export const processExec: Exec = {
  run(command, args, options = {}) {
    return new Promise((resolve, reject) => {
      const child = spawn(command, [...args], {
        cwd: options.cwd,
        env: options.env as NodeJS.ProcessEnv | undefined,
        signal: options.signal,
        stdio: ["pipe", "pipe", "pipe"],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
      child.on("error", (error: NodeJS.ErrnoException) => {
        reject(error.code === "ENOENT" ? missingTool(command, error) : error);
      });
      child.on("close", (code) => {
        resolve({
          code: code ?? 1,
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8"),
        });
      });
      // A child that exits without reading its input closes the pipe: not an error of ours.
      child.stdin.on("error", () => undefined);
      child.stdin.end(options.input ?? "");
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
