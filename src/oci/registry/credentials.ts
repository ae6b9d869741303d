/**
 * Registry credentials from Docker's client config, with the Docker CLI's rules: `$DOCKER_CONFIG/config.json`
 * or `~/.docker/config.json` (then `$REGISTRY_AUTH_FILE` and podman's `containers/auth.json`); for a registry,
 * `credHelpers[host]` first, then `credsStore`, then `auths[host]`. Keys are compared by host name, so
 * `https://localhost:5443/v1/` and `localhost:5443` are the same; Docker Hub is `https://index.docker.io/v1/`.
 */
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { userError } from "../../errors/errors.js";
import type { Exec } from "../../proc/exec.js";
import { runCredentialHelper } from "./cred-helper.js";

/** A credential for one registry, with where it came from (for error messages). */
export type Credential =
  | { readonly kind: "basic"; readonly username: string; readonly password: string; readonly source: string }
  | { readonly kind: "identity-token"; readonly token: string; readonly source: string }
  | { readonly kind: "registry-token"; readonly token: string; readonly source: string };

/** Finds the credential for a registry host, or undefined for anonymous access. */
export interface CredentialStore {
  lookup(registry: string): Promise<Credential | undefined>;
}

/** The parts of a Docker config file that hold credentials. */
export interface DockerConfig {
  readonly auths?: Readonly<Record<string, DockerAuthEntry>>;
  readonly credHelpers?: Readonly<Record<string, string>>;
  readonly credsStore?: string;
}

/** One `auths` entry. */
export interface DockerAuthEntry {
  readonly auth?: string;
  readonly username?: string;
  readonly password?: string;
  readonly identitytoken?: string;
  readonly registrytoken?: string;
}

const DOCKER_HUB_HOSTS = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);
export const DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

/** Docker's `ConvertToHostname`: drops a scheme and any path; Docker Hub's names become `docker.io`. */
export function configKeyHost(key: string): string {
  const host = key.replace(/^https?:\/\//, "").split("/")[0] ?? "";
  return DOCKER_HUB_HOSTS.has(host) ? "docker.io" : host;
}

/** The server name a credential helper is asked about for a registry. */
export function helperServer(registry: string): string {
  return DOCKER_HUB_HOSTS.has(registry) ? DOCKER_HUB_SERVER : registry;
}

function entryFor<T>(
  map: Readonly<Record<string, T>> | undefined,
  registry: string,
): [string, T] | undefined {
  const host = configKeyHost(registry);
  return Object.entries(map ?? {}).find(([key]) => configKeyHost(key) === host);
}

/** The credential in an `auths` entry, if it holds one. */
export function credentialFromEntry(entry: DockerAuthEntry, source: string): Credential | undefined {
  if (entry.identitytoken !== undefined && entry.identitytoken !== "") {
    return { kind: "identity-token", token: entry.identitytoken, source };
  }
  if (entry.registrytoken !== undefined && entry.registrytoken !== "") {
    return { kind: "registry-token", token: entry.registrytoken, source };
  }
  if (entry.auth !== undefined && entry.auth !== "") {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon === -1) return undefined;
    return { kind: "basic", username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source };
  }
  if (entry.username !== undefined && entry.password !== undefined) {
    return { kind: "basic", username: entry.username, password: entry.password, source };
  }
  return undefined;
}

/** Which helper (`credHelpers` then `credsStore`) and which `auths` entry apply to a registry. */
export function resolveConfigEntry(
  config: DockerConfig,
  registry: string,
): { readonly helper?: string; readonly auth?: readonly [string, DockerAuthEntry] } {
  const helper = entryFor(config.credHelpers, registry)?.[1] ?? config.credsStore;
  const auth = entryFor(config.auths, registry);
  return {
    ...(helper === undefined || helper === "" ? {} : { helper }),
    ...(auth === undefined ? {} : { auth }),
  };
}

/** Candidate config files, in the order they are tried. */
export function dockerConfigFiles(env: Readonly<Record<string, string | undefined>>, home: string): string[] {
  const files = [join(env["DOCKER_CONFIG"] ?? join(home, ".docker"), "config.json")];
  if (env["REGISTRY_AUTH_FILE"]) files.push(env["REGISTRY_AUTH_FILE"]);
  if (env["XDG_RUNTIME_DIR"]) files.push(join(env["XDG_RUNTIME_DIR"], "containers", "auth.json"));
  files.push(join(env["XDG_CONFIG_HOME"] ?? join(home, ".config"), "containers", "auth.json"));
  return files;
}

async function readFirstConfig(
  files: readonly string[],
): Promise<{ config: DockerConfig; file: string } | undefined> {
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      continue;
    }
    try {
      return { config: JSON.parse(text) as DockerConfig, file };
    } catch (cause) {
      throw userError(
        "DOCKER_CONFIG_INVALID",
        `${file} is not valid JSON: ${String(cause)}`,
        "Fix or remove the file.",
      );
    }
  }
  return undefined;
}

/** Options of the Docker-config credential store. */
export interface DockerCredentialOptions {
  readonly exec: Exec;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly home?: string;
}

/** Credentials from the Docker client config (read once, on first use) and its credential helpers. */
export function dockerConfigCredentials(options: DockerCredentialOptions): CredentialStore {
  const env = options.env ?? process.env;
  let loaded: Promise<{ config: DockerConfig; file: string } | undefined> | undefined;
  const cache = new Map<string, Promise<Credential | undefined>>();
  const lookup = async (registry: string): Promise<Credential | undefined> => {
    loaded ??= readFirstConfig(dockerConfigFiles(env, options.home ?? homedir()));
    const found = await loaded;
    if (found === undefined) return undefined;
    const { helper, auth } = resolveConfigEntry(found.config, registry);
    if (helper !== undefined) {
      const fromHelper = await runCredentialHelper(options.exec, helper, helperServer(registry), env);
      if (fromHelper !== undefined) return fromHelper;
    }
    return auth === undefined ? undefined : credentialFromEntry(auth[1], `${found.file} auths["${auth[0]}"]`);
  };
  return {
    lookup(registry) {
      let hit = cache.get(registry);
      if (hit === undefined) {
        hit = lookup(registry);
        cache.set(registry, hit);
      }
      return hit;
    },
  };
}

/** Fixed credentials by registry host (for flags and tests). */
export function staticCredentials(byRegistry: Readonly<Record<string, Credential>>): CredentialStore {
  return { lookup: (registry) => Promise.resolve(byRegistry[registry]) };
}
