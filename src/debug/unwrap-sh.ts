// `sh -c` command lines: present the script inside to the runtime transform as a plain command line, then
// quote the rewritten command line back into the script.

import { isEntrypointLauncher } from "./command-line.js";
import { shJoin, shSplit } from "./shell.js";
import type { ContainerSpec, ImageConfiguration, TransformOutcome } from "./types.js";

/** The next step of the pipeline: a runtime transform over a (possibly unwrapped) image configuration. */
export type ContainerTransform = (container: ContainerSpec, config: ImageConfiguration) => TransformOutcome;

/** `/bin/sh -c` or `/bin/bash -c`; a bare `sh` is deliberately not recognised, as in Skaffold. */
export function isShDashC(executable: string | undefined, flag: string | undefined): boolean {
  return (executable === "/bin/sh" || executable === "/bin/bash") && flag === "-c";
}

interface Unwrapped {
  /** The script, split into a command line. */
  readonly script: readonly string[];
  /** Writes a rewritten script back in the shape it came in. */
  readonly rewrap: (container: ContainerSpec, script: string) => ContainerSpec;
}

/** Recognises the three shapes of `sh -c` launch, returning the script's words and how to put it back. */
function unwrap(config: ImageConfiguration): Unwrapped | undefined {
  const entrypoint = config.entrypoint ?? [];
  const cmd = config.cmd ?? [];
  // 1. entrypoint [sh, -c], cmd [script, positional…]
  if (entrypoint.length === 2 && cmd.length > 0 && isShDashC(entrypoint[0], entrypoint[1])) {
    return split(cmd[0], (container, script) => ({
      ...container,
      command: undefined,
      args: [script, ...cmd.slice(1)],
    }));
  }
  // 2. entrypoint [sh, -c, script, positional…]
  if (entrypoint.length > 2 && isShDashC(entrypoint[0], entrypoint[1])) {
    return split(entrypoint[2], (container, script) => ({
      ...container,
      command: [...entrypoint.slice(0, 2), script, ...entrypoint.slice(3)],
    }));
  }
  // 3. no entrypoint (or a launcher), cmd [sh, -c, script, positional…]
  if (
    (entrypoint.length === 0 || isEntrypointLauncher(entrypoint)) &&
    cmd.length > 2 &&
    isShDashC(cmd[0], cmd[1])
  ) {
    return split(cmd[2], (container, script) => ({
      ...container,
      command: undefined,
      args: [...cmd.slice(0, 2), script, ...cmd.slice(3)],
    }));
  }
  return undefined;
}

function split(script: string | undefined, rewrap: Unwrapped["rewrap"]): Unwrapped | undefined {
  const words = shSplit(script ?? "");
  return words === undefined ? undefined : { script: words, rewrap };
}

/**
 * Runs `next` on the script of an `sh -c` launch as if it were the entrypoint, and writes its rewritten
 * command back into the script. Unlike Skaffold, which re-quotes whatever `command` the container has after
 * the transform (mangling `sh -c` launches whose transform only changed the environment), the script is
 * rewritten only when the transform actually changed the command.
 */
export function updateForShDashC(
  container: ContainerSpec,
  config: ImageConfiguration,
  next: ContainerTransform,
): TransformOutcome {
  const unwrapped = unwrap(config);
  if (unwrapped === undefined) return next(container, config);
  const outcome = next(container, { ...config, entrypoint: unwrapped.script, cmd: [] });
  if (!outcome.ok) return outcome;
  const command = outcome.container.command;
  if (command === undefined || sameArgv(command, container.command)) return outcome;
  return { ...outcome, container: unwrapped.rewrap(outcome.container, shJoin(command)) };
}

/** Element-wise equality of two optional argv lists. */
export function sameArgv(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((arg, i) => arg === b[i]);
}
