/**
 * Blob uploads (distribution spec): skip when the repository has the blob (HEAD), mount it from another
 * repository of the same registry when its origin is known, else upload — in one PUT for small blobs, or
 * in PATCH chunks with `Content-Range` for large ones, resuming from the registry's `Range` after a failure.
 */
import { externalError, isTrestleError } from "../../errors/errors.js";
import type { Blob } from "../blob.js";
import { shortDigest } from "../digest.js";
import type { RegistryApi } from "./client.js";
import { unexpectedResponse } from "./errors.js";
import { blobExists } from "./blobs.js";
import { pushScopes } from "./scopes.js";
import type { HttpResponse } from "./transport.js";

/** Upload tuning. */
export interface UploadOptions {
  /** Blobs larger than this go in chunks; default 32 MiB. */
  readonly chunkThreshold?: number;
  /** Chunk size; default 16 MiB. */
  readonly chunkSize?: number;
  readonly signal?: AbortSignal;
}

/** What happened to a blob. */
export type UploadOutcome = "exists" | "mounted" | "uploaded";

const MiB = 1024 * 1024;
const RELATIVE_BASE = "http://relative.invalid";

/** Adds a query parameter to a Location that may be relative and may already have a query. */
export function withQuery(location: string, key: string, value: string): string {
  const url = new URL(location, RELATIVE_BASE);
  url.searchParams.set(key, value);
  return url.origin === RELATIVE_BASE ? `${url.pathname}${url.search}` : url.toString();
}

/** `MB` for messages. */
export function formatSize(bytes: number): string {
  return bytes < MiB ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / MiB).toFixed(1)} MiB`;
}

async function readExactly(
  iterator: AsyncIterator<Uint8Array>,
  length: number,
  carry: Uint8Array[],
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let have = 0;
  while (have < length) {
    let next = carry.shift();
    if (next === undefined) {
      const step = await iterator.next();
      if (step.done === true) break;
      next = step.value;
    }
    const take = Math.min(next.length, length - have);
    parts.push(next.subarray(0, take));
    if (take < next.length) carry.unshift(next.subarray(take));
    have += take;
  }
  return Buffer.concat(parts);
}

function nextLocation(res: HttpResponse, current: string): string {
  return res.headers["location"] ?? current;
}

/** Runs one upload session to completion. */
async function uploadInSession(
  api: RegistryApi,
  repository: string,
  blob: Blob,
  start: string,
  options: UploadOptions,
): Promise<void> {
  const scopes = pushScopes(repository);
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const { size, digest } = blob.descriptor;
  let location = start;
  if (size > (options.chunkThreshold ?? 32 * MiB)) {
    const chunkSize = options.chunkSize ?? 16 * MiB;
    let offset = 0;
    let iterator = blob.open(0)[Symbol.asyncIterator]();
    const carry: Uint8Array[] = [];
    while (offset < size) {
      const chunk = await readExactly(iterator, Math.min(chunkSize, size - offset), carry);
      const range = `${offset}-${offset + chunk.length - 1}`;
      const headers = { "content-type": "application/octet-stream", "content-range": range };
      const res = await api.send({
        method: "PATCH",
        path: location,
        scopes,
        headers,
        body: chunk,
        ...signal,
      });
      if (res.status === 416) {
        // The registry holds a different amount than we thought: ask it, and continue from there.
        res.discard();
        const status = await api.send({ method: "GET", path: location, scopes, ...signal });
        status.discard();
        const received = /^0-(\d+)$/.exec(status.headers["range"] ?? "");
        if (status.status !== 204 || received?.[1] === undefined)
          throw await unexpectedResponse(`resuming the upload of ${shortDigest(digest)}`, status);
        location = nextLocation(status, location);
        offset = Number(received[1]) + 1;
        carry.length = 0;
        iterator = blob.open(offset)[Symbol.asyncIterator]();
        continue;
      }
      if (res.status !== 202 && res.status !== 204)
        throw await unexpectedResponse(`uploading bytes ${range}`, res);
      res.discard();
      location = nextLocation(res, location);
      offset += chunk.length;
    }
    const done = await api.send({
      method: "PUT",
      path: withQuery(location, "digest", digest),
      scopes,
      body: new Uint8Array(0),
      ...signal,
    });
    if (done.status !== 201 && done.status !== 204)
      throw await unexpectedResponse("committing the upload", done);
    done.discard();
    return;
  }
  const body = blob.bytes ?? { size, open: () => blob.open(0) };
  const headers = { "content-type": "application/octet-stream" };
  const res = await api.send({
    method: "PUT",
    path: withQuery(location, "digest", digest),
    scopes,
    headers,
    body,
    ...signal,
  });
  if (res.status !== 201 && res.status !== 204) throw await unexpectedResponse("uploading", res);
  res.discard();
}

async function startSession(
  api: RegistryApi,
  repository: string,
  blob: Blob,
  signal?: AbortSignal,
): Promise<{ location?: string; mounted: boolean }> {
  const origin = blob.origin;
  const mountFrom =
    origin !== undefined && origin.registry === api.registry && origin.repository !== repository
      ? origin.repository
      : undefined;
  const base = `/v2/${repository}/blobs/uploads/`;
  const path =
    mountFrom === undefined
      ? base
      : `${base}?mount=${encodeURIComponent(blob.descriptor.digest)}&from=${encodeURIComponent(mountFrom)}`;
  const scopes = pushScopes(repository, mountFrom === undefined ? [] : [mountFrom]);
  const res = await api.send({ method: "POST", path, scopes, ...(signal === undefined ? {} : { signal }) });
  res.discard();
  if (res.status === 201 && mountFrom !== undefined) return { mounted: true };
  const location = res.headers["location"];
  if (res.status === 202 && location !== undefined) return { location, mounted: false };
  if (mountFrom !== undefined)
    return startSession(
      api,
      repository,
      { descriptor: blob.descriptor, open: (offset) => blob.open(offset) },
      signal,
    );
  throw await unexpectedResponse("starting an upload", res);
}

/** Makes sure `repository` has the blob, sending its bytes only when it has to. */
export async function pushBlob(
  api: RegistryApi,
  repository: string,
  blob: Blob,
  options: UploadOptions = {},
): Promise<UploadOutcome> {
  const { digest, size } = blob.descriptor;
  try {
    if (await blobExists(api, repository, digest, options.signal)) return "exists";
    const session = await startSession(api, repository, blob, options.signal);
    if (session.mounted || session.location === undefined) return "mounted";
    await uploadInSession(api, repository, blob, session.location, options);
    return "uploaded";
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw externalError(
      isTrestleError(error) ? error.code : "REGISTRY_UPLOAD_FAILED",
      `uploading blob ${shortDigest(digest)} (${formatSize(size)}) to ${api.registry}/${repository} failed: ${detail}`,
      isTrestleError(error) ? error.hint : undefined,
      error,
    );
  }
}
