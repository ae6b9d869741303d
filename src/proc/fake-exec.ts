/** A scripted `Exec` for unit tests of code that runs commands. */
import { emitLines } from "../util/lines.js";
import type { Exec, ExecOptions, ExecResult } from "./exec.js";

/** One recorded call of a fake `Exec`. */
export interface ExecCall {
  readonly command: string;
  readonly args: readonly string[];
  readonly options: ExecOptions | undefined;
}

/**
 * An `Exec` that answers every call with `respond`'s result (or rejects with its error), handing the
 * result's stdout, then stderr, to `onLine` line by line as a real child would, and recording the calls.
 */
export function fakeExec(respond: (call: ExecCall) => ExecResult | Error): {
  readonly exec: Exec;
  readonly calls: ExecCall[];
} {
  const calls: ExecCall[] = [];
  return {
    calls,
    exec: {
      run(command, args, options) {
        const call = { command, args, options };
        calls.push(call);
        const result = respond(call);
        if (result instanceof Error) return Promise.reject(result);
        const onLine = options?.onLine;
        if (onLine) {
          emitLines(result.stdout, (line) => {
            onLine(line, "stdout");
          });
          emitLines(result.stderr, (line) => {
            onLine(line, "stderr");
          });
        }
        return Promise.resolve(result);
      },
    },
  };
}
