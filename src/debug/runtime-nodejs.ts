// Node.js: turn on the V8 inspector (`--inspect=0.0.0.0:9229`) and put the support image's `node` wrapper
// first on PATH, or keep an `--inspect` option that is already there.

import { effectiveCommandLine, hasAnyEnv, insertAt, launches, withCommandLine } from "./command-line.js";
import { extendEnvVar, setEnvVar } from "./env.js";
import { exposeDebugPort } from "./outcome.js";
import type { ContainerTransformer, ImageConfiguration } from "./types.js";
import { lookup } from "./types.js";

const DEFAULT_PORT = 9229;
const WRAPPER_BIN = "/dbg/nodejs/bin";

/** NODE_VERSION (official image), NODEJS_VERSION (Red Hat image) and the common NODE_ENV. */
const NODE_ENV = ["NODE_VERSION", "NODEJS_VERSION", "NODE_ENV"];
const NODE_EXECUTABLES = ["node", "nodemon"];
const NPM_EXECUTABLES = ["npm"];

/** An inspector setting: `--inspect[-brk][=[host:]port]`. */
export interface InspectSpec {
  readonly host: string;
  readonly port: number;
  readonly brk: boolean;
}

/** Parses one `--inspect…` argument; undefined if it is not one or its port is not a number. */
export function extractInspectArg(arg: string): InspectSpec | undefined {
  const match = /^--inspect(-brk)?(?:=(.*))?$/s.exec(arg);
  if (match === null) return undefined;
  const brk = match[1] !== undefined;
  const address = match[2] ?? "";
  if (address === "") return { host: "", port: DEFAULT_PORT, brk };
  const colon = address.indexOf(":");
  const host = colon < 0 ? "" : address.slice(0, colon);
  const portText = colon < 0 ? address : address.slice(colon + 1);
  if (!/^[+-]?\d+$/.test(portText)) return undefined;
  return { host, port: Number(portText), brk };
}

/** Formats a spec back into an option. */
export function inspectOption(spec: InspectSpec): string {
  const option = spec.brk ? "--inspect-brk" : "--inspect";
  if (spec.host !== "") return `${option}=${spec.host}:${spec.port}`;
  return spec.port > 0 ? `${option}=${spec.port}` : option;
}

/** Inserts the inspect option right after `node`/`nodemon`. */
export function rewriteNodeCommandLine(argv: readonly string[], spec: InspectSpec): string[] {
  return insertAt(argv, 1, [inspectOption(spec)]);
}

/** Adds `--node-options=<inspect>` to an npm command line, before a `--` that ends npm's own options. */
export function rewriteNpmCommandLine(argv: readonly string[], spec: InspectSpec): string[] {
  const option = `--node-options=${inspectOption(spec)}`;
  const end = argv.indexOf("--");
  return end > 0 ? insertAt(argv, end, [option]) : [...argv, option];
}

/**
 * An inspector option already on the entrypoint, cmd or NODE_OPTIONS. NODE_OPTIONS is read word by word
 * (Skaffold only recognised it as the whole value, and then added a second `--inspect`).
 */
function findInspectSpec(config: ImageConfiguration): InspectSpec | undefined {
  const nodeOptions = lookup(config.env, "NODE_OPTIONS")?.split(/\s+/) ?? [];
  for (const arg of [...(config.entrypoint ?? []), ...(config.cmd ?? []), ...nodeOptions]) {
    const spec = extractInspectArg(arg);
    if (spec !== undefined) return spec;
  }
  return undefined;
}

function isNodeImage(config: ImageConfiguration): boolean {
  if (hasAnyEnv(config, NODE_ENV)) return true;
  return launches(effectiveCommandLine(config)?.argv ?? [], [...NODE_EXECUTABLES, ...NPM_EXECUTABLES]);
}

/** Configures Node.js for the inspector on port 9229 (`devtools`), using the `nodejs` support image. */
export const nodejsTransformer: ContainerTransformer = {
  runtime: "nodejs",
  isApplicable: isNodeImage,
  apply(container, config, allocatePort) {
    let spec = findInspectSpec(config);
    let rewritten = container;
    if (spec === undefined) {
      spec = { host: "0.0.0.0", port: allocatePort(DEFAULT_PORT), brk: false };
      const commandLine = effectiveCommandLine(config);
      const argv = commandLine?.argv ?? [];
      if (commandLine !== undefined && launches(argv, NODE_EXECUTABLES)) {
        rewritten = withCommandLine(container, commandLine.field, rewriteNodeCommandLine(argv, spec));
      } else if (commandLine !== undefined && launches(argv, NPM_EXECUTABLES)) {
        rewritten = withCommandLine(container, commandLine.field, rewriteNpmCommandLine(argv, spec));
      } else {
        const existing = lookup(config.env, "NODE_OPTIONS");
        const env = extendEnvVar(container.env, "NODE_OPTIONS", existing, inspectOption(spec), " ");
        rewritten = { ...rewritten, env };
      }
    }
    const path = lookup(config.env, "PATH");
    const env = setEnvVar(rewritten.env, "PATH", path ? `${WRAPPER_BIN}:${path}` : WRAPPER_BIN);
    return exposeDebugPort({ ...rewritten, env }, "nodejs", "devtools", spec.port, "nodejs");
  },
};
