/** Manifest requests: GET with digest verification, HEAD for the current digest, and PUT. */
import { externalError } from "../../errors/errors.js";
import { sha256Digest } from "../digest.js";
import { MANIFEST_ACCEPT } from "../media-types.js";
import type { RegistryApi } from "./client.js";
import { unexpectedResponse } from "./errors.js";
import { pullScope, pushScopes } from "./scopes.js";

/** A manifest as served: exact bytes, their digest, and the Content-Type. */
export interface FetchedManifest {
  readonly bytes: Uint8Array;
  readonly digest: string;
  readonly contentType: string | undefined;
}

function manifestPath(repository: string, identifier: string): string {
  return `/v2/${repository}/manifests/${identifier}`;
}

/**
 * GETs a manifest by tag or digest. The digest is computed from the bytes (registries' Docker-Content-Digest
 * is not trusted for tags) and must equal the requested one when pulling by digest.
 */
export async function getManifest(
  api: RegistryApi,
  repository: string,
  identifier: string,
  signal?: AbortSignal,
): Promise<FetchedManifest> {
  const res = await api.send({
    method: "GET",
    path: manifestPath(repository, identifier),
    scopes: [pullScope(repository)],
    headers: { accept: MANIFEST_ACCEPT },
    ...(signal === undefined ? {} : { signal }),
  });
  const what = `pulling ${api.registry}/${repository}:${identifier}`;
  if (res.status === 404) {
    res.discard();
    throw externalError(
      "IMAGE_NOT_FOUND",
      `${api.registry}/${repository}:${identifier} was not found`,
      "Check the image name and tag, and that it was pushed.",
    );
  }
  if (res.status !== 200) throw await unexpectedResponse(what, res);
  const bytes = await res.bytes();
  const digest = sha256Digest(bytes);
  if (identifier.includes(":") && identifier !== digest) {
    throw externalError(
      "REGISTRY_DIGEST_MISMATCH",
      `${what}: the manifest's digest is ${digest}, not the one requested`,
    );
  }
  return { bytes, digest, contentType: res.headers["content-type"] };
}

/**
 * HEADs a manifest; its digest, or undefined when it does not exist (or the registry will not say).
 * `forPush` asks for push scope, so that the same token serves the push that follows.
 */
export async function headManifest(
  api: RegistryApi,
  repository: string,
  identifier: string,
  forPush: boolean,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const res = await api.send({
    method: "HEAD",
    path: manifestPath(repository, identifier),
    scopes: forPush ? pushScopes(repository) : [pullScope(repository)],
    headers: { accept: MANIFEST_ACCEPT },
    ...(signal === undefined ? {} : { signal }),
  });
  res.discard();
  if (res.status !== 200) return undefined;
  return res.headers["docker-content-digest"];
}

/** PUTs manifest bytes under a tag or digest. */
export async function putManifest(
  api: RegistryApi,
  repository: string,
  identifier: string,
  manifest: { readonly mediaType: string; readonly bytes: Uint8Array },
  signal?: AbortSignal,
): Promise<void> {
  const res = await api.send({
    method: "PUT",
    path: manifestPath(repository, identifier),
    scopes: pushScopes(repository),
    headers: { "content-type": manifest.mediaType },
    body: manifest.bytes,
    ...(signal === undefined ? {} : { signal }),
  });
  if (res.status !== 200 && res.status !== 201 && res.status !== 202) {
    throw await unexpectedResponse(`writing manifest ${api.registry}/${repository}:${identifier}`, res);
  }
  res.discard();
}
