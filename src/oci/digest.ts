/** sha256 digests (`sha256:<hex>`) of bytes and streams. */
import { createHash } from "node:crypto";
import type { Hash } from "node:crypto";

export type { Hash };

/** The digest of some bytes. */
export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

/** A fresh sha256 hasher for streaming use; finish with `hashDigest`. */
export function sha256Hasher(): Hash {
  return createHash("sha256");
}

/** Formats a finished hasher as a digest. */
export function hashDigest(hash: Hash): string {
  return `sha256:${hash.digest("hex")}`;
}

/** The hex part of a digest (`sha256:abc…` → `abc…`). */
export function digestHex(digest: string): string {
  return digest.slice(digest.indexOf(":") + 1);
}

/** A digest shortened for messages: `sha256:0123456789ab`. */
export function shortDigest(digest: string): string {
  return digest.slice(0, digest.indexOf(":") + 13);
}

/** Passes `source` through, feeding every chunk to `hash` on the way. */
export async function* hashing(source: AsyncIterable<Uint8Array>, hash: Hash): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
}
