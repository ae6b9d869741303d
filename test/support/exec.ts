// Child processes for tests: run a command to completion, or keep one running in the background.
import { spawn, type ChildProcess } from "node:child_process";

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
  /** Milliseconds before the command is killed (default 10 minutes). */
  readonly timeoutMs?: number;
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult,
  ) {
    super(
      `\`${command}\` exited with ${result.code}\n` +
        `--- stdout\n${tail(result.stdout)}\n--- stderr\n${tail(result.stderr)}`,
    );
    this.name = "CommandError";
  }
}

function tail(text: string, lines = 40): string {
  const all = text.trimEnd().split("\n");
  return all.length > lines ? `…\n${all.slice(-lines).join("\n")}` : all.join("\n");
}

/** Runs a command and resolves with its exit code and output (never rejects on a non-zero exit). */
export function run(file: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 600_000);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    child.stdin.end(opts.input ?? "");
  });
}

/** Runs a command and resolves with its stdout; rejects with a CommandError on a non-zero exit. */
export async function runOk(file: string, args: readonly string[], opts: RunOptions = {}): Promise<string> {
  const result = await run(file, args, opts);
  if (result.code !== 0) throw new CommandError([file, ...args].join(" "), result);
  return result.stdout;
}

export interface Background {
  readonly child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Resolves when the output matches, rejects if the process exits first or time runs out. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

/** Starts a long-running command (port-forward, log follower…) that the test stops itself. */
export function background(file: string, args: readonly string[], opts: RunOptions = {}): Background {
  const child = spawn(file, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: "pipe" });
  let out = "";
  const listeners = new Set<() => void>();
  const onData = (c: string): void => {
    out += c;
    for (const l of listeners) l();
  };
  child.stdout.setEncoding("utf8").on("data", onData);
  child.stderr.setEncoding("utf8").on("data", onData);
  const exited = new Promise<void>((resolve) =>
    child.on("close", () => {
      resolve();
    }),
  );
  let alive = true;
  void exited.then(() => {
    alive = false;
    for (const l of listeners) l();
  });
  return {
    child,
    output: () => out,
    waitForOutput(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const m = out.match(pattern);
          if (m) {
            done();
            resolve(m);
          } else if (!alive) {
            done();
            reject(new Error(`\`${file} ${args.join(" ")}\` exited before printing ${pattern}:\n${out}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${pattern} from \`${file} ${args.join(" ")}\`:\n${out}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (alive) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? `: ${lastError.message}` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
