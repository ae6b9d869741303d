/**
 * Where the Docker Engine listens, from the environment as the Docker CLI reads it: `DOCKER_HOST`
 * (`unix://…`, `tcp://host:port`; default `/var/run/docker.sock`), `DOCKER_TLS_VERIFY` and `DOCKER_CERT_PATH`
 * for TLS, `DOCKER_API_VERSION` to pin the API version.
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { userError } from "../errors/errors.js";

/** TLS material for a `tcp://` engine. */
export interface EngineTls {
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

/** How to reach the engine. */
export type EngineEndpoint =
  | { readonly kind: "unix"; readonly socketPath: string; readonly apiVersion?: string }
  | {
      readonly kind: "tcp";
      readonly host: string;
      readonly port: number;
      readonly tls?: EngineTls;
      readonly apiVersion?: string;
    };

export const DEFAULT_SOCKET = "/var/run/docker.sock";

function readIfPresent(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function tlsFrom(env: Readonly<Record<string, string | undefined>>): EngineTls | undefined {
  if (!env["DOCKER_TLS_VERIFY"]) return undefined;
  const dir = env["DOCKER_CERT_PATH"] || join(env["HOME"] ?? homedir(), ".docker");
  const files = { ca: "ca.pem", cert: "cert.pem", key: "key.pem" } as const;
  const tls: { ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
  for (const [field, name] of Object.entries(files) as [keyof typeof files, string][]) {
    const content = readIfPresent(join(dir, name));
    if (content !== undefined) tls[field] = content;
  }
  return tls;
}

/** Parses `DOCKER_HOST` and friends; an unsupported scheme is a user error with a hint. */
export function engineEndpoint(env: Readonly<Record<string, string | undefined>>): EngineEndpoint {
  const host = env["DOCKER_HOST"] ?? "";
  const pinned = env["DOCKER_API_VERSION"];
  const apiVersion = pinned ? { apiVersion: pinned.replace(/^v/, "") } : {};
  if (host === "") return { kind: "unix", socketPath: DEFAULT_SOCKET, ...apiVersion };
  if (host.startsWith("unix://"))
    return { kind: "unix", socketPath: host.slice("unix://".length), ...apiVersion };
  if (host.startsWith("/")) return { kind: "unix", socketPath: host, ...apiVersion };
  if (host.startsWith("tcp://") || host.startsWith("http://") || host.startsWith("https://")) {
    const url = new URL(host.replace(/^tcp:/, "http:"));
    const tls = tlsFrom(env) ?? (host.startsWith("https://") ? {} : undefined);
    const port = url.port === "" ? (tls === undefined ? 2375 : 2376) : Number(url.port);
    return { kind: "tcp", host: url.hostname, port, ...(tls === undefined ? {} : { tls }), ...apiVersion };
  }
  throw userError(
    "DOCKER_HOST_UNSUPPORTED",
    `DOCKER_HOST=${host} is not supported (use unix:// or tcp://)`,
    "For an engine reached over ssh://, forward its socket (ssh -L) and point DOCKER_HOST at the local end.",
  );
}

/** A readable name for messages: the socket path or `host:port`. */
export function describeEndpoint(endpoint: EngineEndpoint): string {
  return endpoint.kind === "unix" ? endpoint.socketPath : `${endpoint.host}:${endpoint.port}`;
}
