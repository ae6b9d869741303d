/** Blobs: a descriptor plus a way to read its bytes again (uploads are retried and resumed). */
import { createReadStream } from "node:fs";
import type { Descriptor } from "./model.js";
import { sha256Digest } from "./digest.js";

/** Where a registry already holds a blob, so a push to the same registry can mount it instead of uploading. */
export interface BlobOrigin {
  readonly registry: string;
  readonly repository: string;
}

/** A blob's descriptor and a way to stream its bytes, as often as needed, from any offset. */
export interface Blob {
  readonly descriptor: Descriptor;
  /** Streams the blob's bytes starting at `offset` (default 0). */
  open(offset?: number): AsyncIterable<Uint8Array>;
  /** The bytes, when held in memory. */
  readonly bytes?: Uint8Array;
  /** The file holding exactly the bytes, when on disk. */
  readonly file?: string;
  /** A repository where the blob already is (for cross-repository mounts). */
  readonly origin?: BlobOrigin;
}

/** Reads a stream of bytes to the end. */
export async function readAll(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The bytes of `source` from `offset` on. */
export async function* skipBytes(
  source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  offset: number,
): AsyncGenerator<Uint8Array> {
  let skip = offset;
  for await (const chunk of source) {
    if (skip >= chunk.length) {
      skip -= chunk.length;
      continue;
    }
    yield skip === 0 ? chunk : chunk.subarray(skip);
    skip = 0;
  }
}

/** A blob held in memory as one or more chunks (the descriptor must describe exactly these bytes). */
export function chunksBlob(descriptor: Descriptor, chunks: readonly Uint8Array[]): Blob {
  return {
    descriptor,
    open: (offset = 0) => skipBytes(chunks, offset),
    ...(chunks.length === 1 && chunks[0] !== undefined ? { bytes: chunks[0] } : {}),
  };
}

/** A blob of these bytes (a config or a manifest), digested here. */
export function bytesBlob(mediaType: string, bytes: Uint8Array): Blob {
  return { ...chunksBlob({ mediaType, size: bytes.length, digest: sha256Digest(bytes) }, [bytes]), bytes };
}

/** A blob stored in a file whose bytes match the descriptor. */
export function fileBlob(descriptor: Descriptor, file: string, origin?: BlobOrigin): Blob {
  return {
    descriptor,
    file,
    open: (offset = 0) => createReadStream(file, { start: offset }),
    ...(origin === undefined ? {} : { origin }),
  };
}
