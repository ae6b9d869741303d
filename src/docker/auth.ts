/**
 * Registry credentials in the form the engine takes: `X-Registry-Auth` (one registry, for push, pull and
 * distribution inspect) and `X-Registry-Config` (several, for the base images of a build). Credentials come
 * from the Docker client config through `oci/registry`'s credential store (auths, credHelpers, credsStore).
 */
import { parseReference } from "../oci/reference.js";
import { helperServer, type Credential, type CredentialStore } from "../oci/registry/credentials.js";
import type { EngineAuth } from "./types.js";

/** Base64 with the URL alphabet and padding, which every engine version decodes. */
function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8")
    .toString("base64")
    .replaceAll("+", "-")
    .replaceAll("/", "_");
}

/** The engine's auth object for a credential (anonymous when undefined). */
export function engineAuth(registry: string, credential: Credential | undefined): EngineAuth {
  const serveraddress = helperServer(registry);
  switch (credential?.kind) {
    case undefined:
      return { serveraddress };
    case "basic":
      return { username: credential.username, password: credential.password, serveraddress };
    case "identity-token":
      return { identitytoken: credential.token, serveraddress };
    case "registry-token":
      return { registrytoken: credential.token, serveraddress };
  }
}

/** The `X-Registry-Auth` header value. */
export function registryAuthHeader(auth: EngineAuth): string {
  return encode(auth);
}

/** The `X-Registry-Config` header value: credentials keyed by server address. */
export function registryConfigHeader(auths: readonly EngineAuth[]): string {
  return encode(Object.fromEntries(auths.map((a) => [a.serveraddress, a])));
}

/** Looks up the credential for an image reference's registry. */
export async function authForImage(credentials: CredentialStore, ref: string): Promise<EngineAuth> {
  const { registry } = parseReference(ref);
  return engineAuth(registry, await credentials.lookup(registry));
}

/** Credentials for the registries of several images (unparsable references and unreadable credentials are skipped). */
export async function authsForImages(
  credentials: CredentialStore,
  refs: readonly string[],
): Promise<EngineAuth[]> {
  const registries = new Set<string>();
  for (const ref of refs) {
    try {
      registries.add(parseReference(ref).registry);
    } catch {
      // a base image named by an unset build arg or a stage: nothing to authenticate
    }
  }
  const auths: EngineAuth[] = [];
  for (const registry of registries) {
    // Like `docker build`, a credential that cannot be read is skipped: the pull may well work anonymously.
    const credential = await credentials.lookup(registry).catch(() => undefined);
    if (credential !== undefined) auths.push(engineAuth(registry, credential));
  }
  return auths;
}
