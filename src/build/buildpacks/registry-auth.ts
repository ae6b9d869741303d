/**
 * `CNB_REGISTRY_AUTH` for lifecycle phases that talk to registries when the image is published straight to a
 * registry: a JSON object from registry host (as the lifecycle's go-containerregistry names it) to the
 * Authorization header value, in the forms the lifecycle's env keychain reads (`Basic`, `Bearer`,
 * `X-Identity`; lifecycle `auth/keychain.go`). Credentials come from the Docker client config, as pack's do.
 */
import { parseReference } from "../../oci/reference.js";
import type { Credential, CredentialStore } from "../../oci/registry/credentials.js";

/** The header value the lifecycle turns back into a credential. */
export function authHeaderValue(credential: Credential): string {
  switch (credential.kind) {
    case "basic":
      return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString("base64")}`;
    case "registry-token":
      return `Bearer ${credential.token}`;
    case "identity-token":
      return `X-Identity ${credential.token}`;
  }
}

/** How go-containerregistry names a registry (Docker Hub is `index.docker.io`). */
function lifecycleRegistryName(registry: string): string {
  return registry === "docker.io" ? "index.docker.io" : registry;
}

/**
 * The `CNB_REGISTRY_AUTH` value for the registries of these images, or undefined when none has a credential
 * (the lifecycle then goes anonymous). Unparseable names are skipped: the lifecycle reports them itself.
 */
export async function registryAuthEnv(
  credentials: CredentialStore,
  images: readonly string[],
): Promise<string | undefined> {
  const registries = new Set<string>();
  for (const image of images) {
    try {
      registries.add(parseReference(image).registry);
    } catch {
      // not a name the lifecycle can use either
    }
  }
  const headers: Record<string, string> = {};
  for (const registry of [...registries].sort()) {
    const credential = await credentials.lookup(registry);
    if (credential !== undefined) headers[lifecycleRegistryName(registry)] = authHeaderValue(credential);
  }
  return Object.keys(headers).length === 0 ? undefined : JSON.stringify(headers);
}
