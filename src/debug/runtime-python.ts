// Python: start the interpreter through the support image's launcher (`/dbg/python/launcher`), which sets
// up debugpy or pydevd; a command line already running `-m debugpy` or `-m ptvsd` is kept as it is.

import { effectiveCommandLine, hasAnyEnv, launches, withCommandLine } from "./command-line.js";
import { exposeDebugPort } from "./outcome.js";
import type { ContainerTransformer, ImageConfiguration } from "./types.js";
import { failure } from "./types.js";

const DEFAULT_PORT = 5678;
const LAUNCHER = "/dbg/python/launcher";

/** Variables that the official images or common Python setups define. */
const PYTHON_ENV = [
  "PYTHON_VERSION",
  "PYTHONVERBOSE",
  "PYTHONINSPECT",
  "PYTHONOPTIMIZE",
  "PYTHONUSERSITE",
  "PYTHONUNBUFFERED",
  "PYTHONPATH",
  "PYTHONUSERBASE",
  "PYTHONWARNINGS",
  "PYTHONHOME",
  "PYTHONCASEOK",
  "PYTHONIOENCODING",
  "PYTHONHASHSEED",
  "PYTHONDONTWRITEBYTECODE",
];
const PYTHON_EXECUTABLES = ["python", "python2", "python3"];

/** The debugger backends; debugpy and ptvsd speak DAP, pydevd its own protocol. */
export type PythonDebugger = "debugpy" | "ptvsd" | "pydevd";

/** A Python debugger setting, found on a command line or chosen from the protocol preferences. */
export interface PythonSpec {
  readonly debugger: PythonDebugger;
  readonly host: string;
  readonly port: number;
  readonly wait: boolean;
}

/** The protocol (annotation port name) a debugger speaks. */
export function pythonProtocol(debuggerName: PythonDebugger): "dap" | "pydevd" {
  switch (debuggerName) {
    case "pydevd":
      return "pydevd";
    case "debugpy":
    case "ptvsd":
      return "dap";
  }
}

/** True when argv runs `-m <module>` (or `-m<module>`). */
function runsModule(argv: readonly string[], module: string): boolean {
  return argv.some((arg, i) => arg === `-m${module}` || (arg === "-m" && argv[i + 1] === module));
}

function optionValue(argv: readonly string[], option: string): string | null | undefined {
  const at = argv.indexOf(option);
  if (at < 0) return undefined;
  return at + 1 < argv.length ? (argv[at + 1] ?? null) : null;
}

function extractPtvsdSpec(argv: readonly string[]): PythonSpec | undefined {
  const host = optionValue(argv, "--host");
  const port = optionValue(argv, "--port");
  if (host === null || port === null) return undefined;
  if (port !== undefined && !/^[+-]?\d+$/.test(port)) return undefined;
  return {
    debugger: "ptvsd",
    host: host ?? "",
    port: port === undefined ? DEFAULT_PORT : Number(port),
    wait: argv.includes("--wait"),
  };
}

function extractDebugpySpec(argv: readonly string[]): PythonSpec | undefined {
  const listen = optionValue(argv, "--listen");
  if (listen === null || listen === undefined) return undefined;
  const colon = listen.indexOf(":");
  const portText = colon < 0 ? listen : listen.slice(colon + 1);
  if (!/^[+-]?\d+$/.test(portText)) return undefined;
  return {
    debugger: "debugpy",
    host: colon < 0 ? "" : listen.slice(0, colon),
    port: Number(portText),
    wait: argv.includes("--wait-for-client"),
  };
}

/** The debugger already configured on a command line (`-m ptvsd …`, `-m debugpy --listen …`), if any. */
export function extractPythonDebugSpec(argv: readonly string[]): PythonSpec | undefined {
  if (runsModule(argv, "ptvsd")) return extractPtvsdSpec(argv);
  if (runsModule(argv, "debugpy")) return extractDebugpySpec(argv);
  return undefined;
}

/** The launcher prefix for a spec, ending with `--`. */
export function pythonLauncherArguments(spec: PythonSpec): string[] {
  return [
    LAUNCHER,
    "--mode",
    spec.debugger,
    ...(spec.port >= 0 ? ["--port", String(spec.port)] : []),
    ...(spec.wait ? ["--wait"] : []),
    "--",
  ];
}

/** The first of the requested protocols we support (`pydevd` or `dap`), defaulting to debugpy over DAP. */
function chooseDebugger(protocols: readonly string[]): PythonDebugger {
  for (const protocol of protocols) {
    if (protocol === "pydevd") return "pydevd";
    if (protocol === "dap") return "debugpy";
  }
  return "debugpy";
}

function isPythonImage(config: ImageConfiguration): boolean {
  return (
    hasAnyEnv(config, PYTHON_ENV) || launches(effectiveCommandLine(config)?.argv ?? [], PYTHON_EXECUTABLES)
  );
}

/** Configures Python for debugpy (`dap`) or pydevd on port 5678, using the `python` support image. */
export const pythonTransformer: ContainerTransformer = {
  runtime: "python",
  isApplicable: isPythonImage,
  apply(container, config, allocatePort, protocols) {
    const existing =
      extractPythonDebugSpec(config.entrypoint ?? []) ?? extractPythonDebugSpec(config.cmd ?? []);
    if (existing !== undefined) {
      return exposeDebugPort(
        container,
        "python",
        pythonProtocol(existing.debugger),
        existing.port,
        undefined,
      );
    }
    const debuggerName = chooseDebugger(protocols);
    const spec: PythonSpec = {
      debugger: debuggerName,
      host: "",
      port: allocatePort(DEFAULT_PORT),
      wait: false,
    };
    const prefix = pythonLauncherArguments(spec);
    const commandLine = effectiveCommandLine(config);
    let rewritten;
    if (commandLine !== undefined && launches(commandLine.argv, PYTHON_EXECUTABLES)) {
      rewritten = withCommandLine(container, commandLine.field, [...prefix, ...commandLine.argv]);
    } else if (hasAnyEnv(config, PYTHON_ENV)) {
      rewritten = withCommandLine(container, "command", [...prefix, ...(config.entrypoint ?? [])]);
    } else {
      return failure(`"${container.name}" does not appear to invoke python`);
    }
    return exposeDebugPort(rewritten, "python", pythonProtocol(debuggerName), spec.port, "python");
  },
};
