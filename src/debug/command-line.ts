// Reading command lines: which executable an argv launches, and which of entrypoint/cmd is the real
// command line once known "launcher" entrypoints are looked through.

import type { ContainerSpec, ImageConfiguration } from "./types.js";

/** The CNB lifecycle launcher, the entrypoint of images built by buildpacks. */
export const CNB_LAUNCHER = "/cnb/lifecycle/launcher";

/**
 * Entrypoints that only run the image's cmd as a command line, so detection and rewriting look at the cmd
 * instead: the official `node` images' `docker-entrypoint.sh` and the CNB launcher.
 */
const ENTRYPOINT_LAUNCHERS: ReadonlySet<string> = new Set(["docker-entrypoint.sh", CNB_LAUNCHER]);

/** True when the entrypoint is exactly one known launcher. */
export function isEntrypointLauncher(entrypoint: readonly string[]): boolean {
  return entrypoint.length === 1 && ENTRYPOINT_LAUNCHERS.has(entrypoint[0] ?? "");
}

/** True when argv[0] is one of `executables`, bare or as the last element of a path (`/usr/bin/node`). */
export function launches(argv: readonly string[], executables: readonly string[]): boolean {
  const first = argv[0];
  return first !== undefined && executables.some((name) => first === name || first.endsWith(`/${name}`));
}

/** Which container field carries a command line, and the command line itself. */
export interface CommandLine {
  readonly field: "command" | "args";
  readonly argv: readonly string[];
}

/**
 * The command line that actually starts the program: the entrypoint unless it is empty or a launcher,
 * otherwise the cmd; undefined when neither is set.
 */
export function effectiveCommandLine(config: ImageConfiguration): CommandLine | undefined {
  const entrypoint = config.entrypoint ?? [];
  if (entrypoint.length > 0 && !isEntrypointLauncher(entrypoint))
    return { field: "command", argv: entrypoint };
  const cmd = config.cmd ?? [];
  return cmd.length > 0 ? { field: "args", argv: cmd } : undefined;
}

/** A copy of the container whose `command` or `args` is replaced. */
export function withCommandLine(
  container: ContainerSpec,
  field: CommandLine["field"],
  argv: readonly string[],
): ContainerSpec {
  return { ...container, [field]: argv };
}

/** True when any of the names is set in the image environment. */
export function hasAnyEnv(config: ImageConfiguration, names: readonly string[]): boolean {
  const env = config.env;
  return env !== undefined && names.some((name) => Object.hasOwn(env, name));
}

/** Inserts `items` into a copy of `list` before index `at`. */
export function insertAt<T>(list: readonly T[], at: number, items: readonly T[]): T[] {
  return [...list.slice(0, at), ...items, ...list.slice(at)];
}
