// Buildpacks (CNB) images: resolve what the launcher would run into an ordinary command line, let the
// runtime transform rewrite it, then put the result back in the form the launcher expects.

import { CNB_LAUNCHER } from "./command-line.js";
import type { CnbProcess } from "./cnb-metadata.js";
import { atLeast, parseCnbBuildMetadata, parsePlatformApi } from "./cnb-metadata.js";
import { shJoin, shSplit } from "./shell.js";
import type { ImageConfiguration, TransformOutcome } from "./types.js";
import { lookup } from "./types.js";
import type { ContainerTransform } from "./unwrap-sh.js";
import { isShDashC, sameArgv } from "./unwrap-sh.js";

/** From Platform API 0.4, `/cnb/process/<type>` launches one process type. */
const PROCESS_LAUNCHER_PREFIX = "/cnb/process/";
const DEFAULT_PROCESS_TYPE = "web";
const DEFAULT_APP_DIR = "/workspace";

/** A buildpacks-built image (stack label) launched through the CNB launcher or a `/cnb/process/` link. */
export function isCnbImage(config: ImageConfiguration): boolean {
  if (lookup(config.labels, "io.buildpacks.stack.id") === undefined) return false;
  const entrypoint = config.entrypoint ?? [];
  const first = entrypoint[0];
  return (
    entrypoint.length === 1 &&
    first !== undefined &&
    (first === CNB_LAUNCHER || first.startsWith(PROCESS_LAUNCHER_PREFIX))
  );
}

function hasLauncherEntrypoint(config: ImageConfiguration): boolean {
  const entrypoint = config.entrypoint ?? [];
  return entrypoint.length === 1 && entrypoint[0] === CNB_LAUNCHER;
}

/** The process the launcher would run, with the command-line arguments it would append to it. */
export function findCnbProcess(
  config: ImageConfiguration,
  processes: readonly CnbProcess[],
): { readonly process: CnbProcess; readonly extraArgs: readonly string[] } | undefined {
  const cmd = config.cmd ?? [];
  if (hasLauncherEntrypoint(config) && cmd.length > 0) {
    // `launcher <type>` selects a process; any other arguments are a direct exec or a script.
    const process = cmd.length === 1 ? processes.find((p) => p.type === cmd[0]) : undefined;
    return process === undefined ? undefined : { process, extraArgs: [] };
  }
  let type = DEFAULT_PROCESS_TYPE;
  const platformApi = parsePlatformApi(lookup(config.env, "CNB_PLATFORM_API"));
  const entrypoint = config.entrypoint?.[0] ?? "";
  if (platformApi !== undefined && atLeast(platformApi, 0, 4)) {
    // CNB_PROCESS_TYPE is ignored from 0.4 on, and the bare launcher has no default process.
    if (!entrypoint.startsWith(PROCESS_LAUNCHER_PREFIX)) return undefined;
    type = entrypoint.slice(PROCESS_LAUNCHER_PREFIX.length);
  } else {
    type = lookup(config.env, "CNB_PROCESS_TYPE") || type;
  }
  const process = processes.find((p) => p.type === type);
  return process === undefined ? undefined : { process, extraArgs: cmd };
}

/** An image configuration whose launch is spelled out as launcher + command line, and how to undo that. */
interface Adjusted {
  readonly config: ImageConfiguration;
  readonly rewrap: ((argv: readonly string[]) => string[]) | undefined;
}

const asDirectExec = (argv: readonly string[]): string[] => ["--", ...argv];

/** As a script: the rewritten command line quoted into one script, followed by its positional arguments. */
function asScript(positionals: readonly string[]): (argv: readonly string[]) => string[] {
  return (argv) => [shJoin(argv), ...positionals];
}

/** Rewrites the launch into `[launcher]` + a plain command line for the runtime transforms. */
export function adjustCommandLine(config: ImageConfiguration, processes: readonly CnbProcess[]): Adjusted {
  const cmd = config.cmd ?? [];
  if (hasLauncherEntrypoint(config) && cmd[0] === "--") {
    return { config: { ...config, cmd: cmd.slice(1) }, rewrap: asDirectExec };
  }
  const found = findCnbProcess(config, processes);
  const launcher = { ...config, entrypoint: [CNB_LAUNCHER] };
  if (found !== undefined) {
    let [script, ...processArgs] = [...found.process.command, ...found.process.args];
    if (found.process.direct) {
      if (!isShDashC(script, processArgs[0]) || processArgs.length < 2) {
        const argv = [script, ...processArgs, ...found.extraArgs];
        return { config: { ...launcher, cmd: argv }, rewrap: asDirectExec };
      }
      // Procfile-style `/bin/sh -c <script>` (GCP buildpacks): treat it as a script process.
      [script = "", ...processArgs] = processArgs.slice(1);
    }
    return {
      config: { ...launcher, cmd: shSplit(script) ?? [script] },
      rewrap: asScript([...processArgs, ...found.extraArgs]),
    };
  }
  const [script, ...positionals] = cmd;
  const words = script === undefined ? undefined : shSplit(script);
  return words === undefined
    ? { config, rewrap: undefined }
    : { config: { ...config, cmd: words }, rewrap: asScript(positionals) };
}

/**
 * Runs `next` on the command line a buildpacks image would launch, then rewrites the launcher's arguments
 * (and turns a `/cnb/process/<type>` entrypoint into the launcher) when the transform changed them. The
 * debug working directory is CNB_APP_DIR or /workspace, since the launcher ignores the image's.
 */
export function updateForCnbImage(
  container: Parameters<ContainerTransform>[0],
  config: ImageConfiguration,
  next: ContainerTransform,
): TransformOutcome {
  const metadata = parseCnbBuildMetadata(lookup(config.labels, "io.buildpacks.build.metadata"));
  if (!metadata.ok) return metadata;
  const needsLauncher = (config.entrypoint ?? [])[0] !== CNB_LAUNCHER;
  const adjusted = adjustCommandLine(config, metadata.processes);
  const workingDir = lookup(config.env, "CNB_APP_DIR") || DEFAULT_APP_DIR;
  const outcome = next(container, { ...adjusted.config, workingDir });
  if (!outcome.ok) return outcome;
  const debug = { ...outcome.debug, workingDir: outcome.debug.workingDir || workingDir };
  const args = outcome.container.args;
  if (adjusted.rewrap === undefined || args === undefined || sameArgv(args, container.args)) {
    return { ...outcome, debug };
  }
  const rewrapped = { ...outcome.container, args: adjusted.rewrap(args) };
  return {
    ...outcome,
    debug,
    container: needsLauncher ? { ...rewrapped, command: [CNB_LAUNCHER] } : rewrapped,
  };
}
