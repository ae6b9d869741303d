/** Blob reads: HEAD for existence, and streamed GETs whose sha256 is checked as the bytes arrive. */
import { externalError } from "../../errors/errors.js";
import { skipBytes } from "../blob.js";
import type { Blob } from "../blob.js";
import { hashDigest, hashing, sha256Hasher } from "../digest.js";
import type { Descriptor } from "../model.js";
import type { RegistryApi } from "./client.js";
import { unexpectedResponse } from "./errors.js";
import { pullScope, pushScopes } from "./scopes.js";

/** True when the repository already has the blob. */
export async function blobExists(
  api: RegistryApi,
  repository: string,
  digest: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const res = await api.send({
    method: "HEAD",
    path: `/v2/${repository}/blobs/${digest}`,
    scopes: pushScopes(repository),
    ...(signal === undefined ? {} : { signal }),
  });
  res.discard();
  if (res.status === 200) return true;
  if (res.status === 404) return false;
  throw await unexpectedResponse(`checking blob ${digest} in ${api.registry}/${repository}`, res);
}

/** Streams a blob, failing if its bytes do not hash to its digest or differ in length from its size. */
export async function* readBlob(
  api: RegistryApi,
  repository: string,
  descriptor: Descriptor,
  signal?: AbortSignal,
): AsyncGenerator<Uint8Array> {
  const res = await api.send({
    method: "GET",
    path: `/v2/${repository}/blobs/${descriptor.digest}`,
    scopes: [pullScope(repository)],
    ...(signal === undefined ? {} : { signal }),
  });
  const what = `downloading blob ${descriptor.digest} from ${api.registry}/${repository}`;
  if (res.status !== 200) throw await unexpectedResponse(what, res);
  const hash = sha256Hasher();
  let size = 0;
  for await (const chunk of hashing(res.body, hash)) {
    size += chunk.length;
    yield chunk;
  }
  const digest = hashDigest(hash);
  if (digest !== descriptor.digest || size !== descriptor.size) {
    throw externalError(
      "REGISTRY_DIGEST_MISMATCH",
      `${what}: received ${size} bytes with digest ${digest}, expected ${descriptor.size} bytes`,
    );
  }
}

/** A blob that lives in a registry: read lazily (and verified) only when its bytes are needed. */
export function remoteBlob(api: RegistryApi, repository: string, descriptor: Descriptor): Blob {
  return {
    descriptor,
    origin: { registry: api.registry, repository },
    open: (offset = 0) => skipBytes(readBlob(api, repository, descriptor), offset),
  };
}
