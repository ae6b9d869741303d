/** Enter on the terminal runs pending (held) work now, as Skaffold's key press with `--auto-*=false`. */
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";

/** Reads lines from a terminal and calls `execute` for each; does nothing when stdin is not a terminal. */
export function createStdinTrigger(
  input: Readable & { readonly isTTY?: boolean },
  target: { execute(): void },
): { stop(): void } {
  if (input.isTTY !== true) return { stop: () => undefined };
  const lines = createInterface({ input });
  lines.on("line", () => {
    target.execute();
  });
  return {
    stop: () => {
      lines.close();
      input.pause();
    },
  };
}
