// JVM: enable the JDWP agent through JAVA_TOOL_OPTIONS, or keep a JDWP agent that is already configured.
// The command line is never touched, and no support image is needed.

import { effectiveCommandLine, hasAnyEnv, launches } from "./command-line.js";
import { extendEnvVar } from "./env.js";
import { exposeDebugPort } from "./outcome.js";
import type { ContainerTransformer, ImageConfiguration } from "./types.js";
import { lookup } from "./types.js";

const DEFAULT_PORT = 5005;
const JVM_ENV = ["JAVA_TOOL_OPTIONS", "JAVA_VERSION"];

/** The useful JDWP agent options (see `java -agentlib:jdwp=help`); `port` 0 means "no address given". */
export interface JdwpSpec {
  readonly transport: string;
  readonly host: string;
  readonly port: number;
  readonly quiet: boolean;
  readonly suspend: boolean;
  readonly server: boolean;
}

/** Parses the option list of `-agentlib:jdwp=` or `-Xrunjdwp:`, with the JVM's defaults for what is missing. */
export function parseJdwpSpec(options: string): JdwpSpec {
  const values = new Map<string, string>();
  for (const component of options.split(",")) {
    const eq = component.indexOf("=");
    if (eq >= 0) values.set(component.slice(0, eq), component.slice(eq + 1));
  }
  const address = values.get("address") ?? "";
  const colon = address.indexOf(":");
  const portText = colon < 0 ? address : address.slice(colon + 1);
  const port = /^\d+$/.test(portText) && Number(portText) <= 65535 ? Number(portText) : 0;
  return {
    transport: values.get("transport") ?? "dt_socket",
    host: colon < 0 ? "" : address.slice(0, colon),
    port,
    quiet: values.get("quiet") === "y",
    suspend: (values.get("suspend") ?? "y") === "y",
    server: values.get("server") === "y",
  };
}

/** The JDWP spec of one JVM option, if it is `-agentlib:jdwp=…` or `-Xrunjdwp:…`. */
export function extractJdwpArg(arg: string): JdwpSpec | undefined {
  for (const prefix of ["-agentlib:jdwp=", "-Xrunjdwp:"]) {
    if (arg.startsWith(prefix)) return parseJdwpSpec(arg.slice(prefix.length));
  }
  return undefined;
}

function findJdwpSpec(config: ImageConfiguration): JdwpSpec | undefined {
  const toolOptions = lookup(config.env, "JAVA_TOOL_OPTIONS")?.split(/\s+/) ?? [];
  for (const arg of [...(config.entrypoint ?? []), ...(config.cmd ?? []), ...toolOptions]) {
    const spec = extractJdwpArg(arg);
    if (spec !== undefined) return spec;
  }
  return undefined;
}

function isJvmImage(config: ImageConfiguration): boolean {
  return hasAnyEnv(config, JVM_ENV) || launches(effectiveCommandLine(config)?.argv ?? [], ["java"]);
}

/** Configures JVMs for JDWP on port 5005 (`jdwp`) through JAVA_TOOL_OPTIONS; no support image. */
export const jvmTransformer: ContainerTransformer = {
  runtime: "jvm",
  isApplicable: isJvmImage,
  apply(container, config, allocatePort) {
    const existing = findJdwpSpec(config);
    if (existing !== undefined) return exposeDebugPort(container, "jvm", "jdwp", existing.port, undefined);
    const port = allocatePort(DEFAULT_PORT);
    const agent = `-agentlib:jdwp=transport=dt_socket,server=y,address=${port},suspend=n,quiet=y`;
    const toolOptions = lookup(config.env, "JAVA_TOOL_OPTIONS");
    const env = extendEnvVar(container.env, "JAVA_TOOL_OPTIONS", toolOptions, agent, " ");
    return exposeDebugPort({ ...container, env }, "jvm", "jdwp", port, undefined);
  },
};
