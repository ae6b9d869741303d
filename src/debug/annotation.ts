// The `debug.cloud.google.com/config` pod annotation, byte-for-byte as Skaffold writes it (Go's
// encoding/json): keys sorted, fields in the order artifact, runtime, workingDir, ports, empty ones left
// out, and `<`, `>`, `&`, U+2028 and U+2029 escaped.

import { isObject } from "./json.js";
import type { ContainerDebugConfiguration } from "./types.js";

/** The annotation naming each debuggable container's runtime, ports and working directory. */
export const DEBUG_CONFIG_ANNOTATION = "debug.cloud.google.com/config";

const GO_ESCAPES: Readonly<Record<string, string>> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

function sortedEntries<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function canonical(config: ContainerDebugConfiguration): Record<string, unknown> {
  const ports = sortedEntries(config.ports ?? {});
  return {
    ...(config.artifact ? { artifact: config.artifact } : {}),
    ...(config.runtime ? { runtime: config.runtime } : {}),
    ...(config.workingDir ? { workingDir: config.workingDir } : {}),
    ...(ports.length > 0 ? { ports: Object.fromEntries(ports) } : {}),
  };
}

/** Serialises container name → debug configuration exactly as Skaffold does. */
export function encodeDebugAnnotation(
  configurations: ReadonlyMap<string, ContainerDebugConfiguration>,
): string {
  const byName = sortedEntries(Object.fromEntries(configurations));
  const json = JSON.stringify(Object.fromEntries(byName.map(([name, config]) => [name, canonical(config)])));
  return json.replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c] ?? c);
}

/** The container names listed in an annotation value, or undefined when it is not a JSON object. */
export function annotatedContainers(value: string): ReadonlySet<string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  return isObject(parsed) ? new Set(Object.keys(parsed)) : undefined;
}
