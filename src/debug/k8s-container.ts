// The bridge between a Kubernetes container (a parsed mapping) and the neutral ContainerSpec: read it, and
// write a transformed spec back, touching only the fields that changed and keeping everything else.

import type { JsonObject } from "./json.js";
import { isObject, stringAt } from "./json.js";
import type { ContainerPort, ContainerSpec, EnvVar } from "./types.js";
import { sameArgv } from "./unwrap-sh.js";

const PORT_FIELDS = ["name", "protocol", "hostPort", "hostIP"] as const;

function argvAt(raw: JsonObject, key: string): string[] | undefined | null {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : null;
}

function readEnv(raw: unknown): EnvVar[] | null {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return null;
  const env: EnvVar[] = [];
  for (const entry of raw) {
    if (!isObject(entry) || typeof entry.name !== "string") return null;
    env.push({ name: entry.name, value: typeof entry.value === "string" ? entry.value : "" });
  }
  return env;
}

function readPort(raw: JsonObject): ContainerPort | null {
  const { containerPort, name, protocol, hostPort, hostIP } = raw;
  if (typeof containerPort !== "number") return null;
  return {
    containerPort,
    ...(typeof name === "string" ? { name } : {}),
    ...(typeof protocol === "string" ? { protocol } : {}),
    ...(typeof hostPort === "number" ? { hostPort } : {}),
    ...(typeof hostIP === "string" ? { hostIP } : {}),
  };
}

function readPorts(raw: unknown): ContainerPort[] | null {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return null;
  const ports: ContainerPort[] = [];
  for (const entry of raw) {
    const port = isObject(entry) ? readPort(entry) : null;
    if (port === null) return null;
    ports.push(port);
  }
  return ports;
}

/** Reads a container mapping, or returns the reason it is too malformed to transform. */
export function readContainer(raw: JsonObject): ContainerSpec | string {
  const command = argvAt(raw, "command");
  const args = argvAt(raw, "args");
  const env = readEnv(raw.env);
  const ports = readPorts(raw.ports);
  if (command === null || args === null) return "command and args must be lists of strings";
  if (env === null) return "env must be a list of entries with a name";
  if (ports === null) return "ports must be a list of entries with a numeric containerPort";
  return {
    name: stringAt(raw, "name") ?? "",
    image: stringAt(raw, "image") ?? "",
    command,
    args,
    env,
    ports,
    workingDir: stringAt(raw, "workingDir"),
  };
}

function samePort(a: ContainerPort, b: ContainerPort): boolean {
  return a.containerPort === b.containerPort && PORT_FIELDS.every((key) => a[key] === b[key]);
}

function writeArgv(raw: JsonObject, key: string, argv: readonly string[] | undefined): void {
  if (argv === undefined) Reflect.deleteProperty(raw, key);
  else raw[key] = [...argv];
}

/** Rebuilds `env`, reusing each original entry whose value is unchanged (so `valueFrom` survives). */
function writeEnv(
  raw: JsonObject,
  before: readonly EnvVar[],
  after: readonly EnvVar[],
  notes: string[],
): void {
  const originals = Array.isArray(raw.env) ? (raw.env as unknown[]) : [];
  const entries = after.map((entry) => {
    const at = before.findIndex((old) => old.name === entry.name);
    const original = at < 0 ? undefined : originals[at];
    if (!isObject(original)) return { name: entry.name, value: entry.value };
    if (before[at]?.value === entry.value) return original;
    const { valueFrom, ...rest } = original;
    if (valueFrom !== undefined)
      notes.push(`env ${entry.name} was set from valueFrom; debugging replaces it with a value`);
    return { ...rest, value: entry.value };
  });
  if (entries.length === 0) delete raw.env;
  else raw.env = entries;
}

/** Rebuilds `ports`, reusing original entries that are unchanged, and notes those that were dropped or moved. */
function writePorts(
  raw: JsonObject,
  before: readonly ContainerPort[],
  after: readonly ContainerPort[],
  notes: string[],
): void {
  const originals = Array.isArray(raw.ports) ? (raw.ports as unknown[]) : [];
  const entries = after.map((port) => {
    const at = before.findIndex((old) => samePort(old, port));
    return at < 0 ? { ...port } : originals[at];
  });
  for (const old of before) {
    if (after.some((port) => samePort(port, old))) continue;
    const moved = after.find((port) => port.name !== undefined && port.name === old.name);
    notes.push(
      moved === undefined
        ? `removed port ${old.containerPort} (${old.name ?? "unnamed"}), which clashes with a debug port`
        : `moved port "${old.name ?? ""}" from ${old.containerPort} to ${moved.containerPort} for debugging`,
    );
  }
  if (entries.length === 0) delete raw.ports;
  else raw.ports = entries;
}

/**
 * Writes the changes between `before` and `after` into the container mapping (which is modified), and
 * returns notes on anything of the user's that had to give way.
 */
export function writeContainer(raw: JsonObject, before: ContainerSpec, after: ContainerSpec): string[] {
  const notes: string[] = [];
  if (!sameArgv(before.command, after.command)) writeArgv(raw, "command", after.command);
  if (!sameArgv(before.args, after.args)) writeArgv(raw, "args", after.args);
  const envChanged =
    before.env.length !== after.env.length ||
    before.env.some((entry, i) => entry.name !== after.env[i]?.name || entry.value !== after.env[i]?.value);
  if (envChanged) writeEnv(raw, before.env, after.env, notes);
  const portsChanged =
    before.ports.length !== after.ports.length ||
    before.ports.some((port, i) => !samePortAt(port, after.ports[i]));
  if (portsChanged) writePorts(raw, before.ports, after.ports, notes);
  return notes;
}

function samePortAt(a: ContainerPort, b: ContainerPort | undefined): boolean {
  return b !== undefined && samePort(a, b);
}
