/**
 * Deterministic layers: entries sorted by path, owned by root with no user or group names, one fixed
 * modification time, explicit modes; compressed with gzip at a chosen level. The uncompressed tar's
 * digest (the diffID) and the compressed blob's digest are computed in the same single pass.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { tarStream } from "../util/tar.js";
import type { TarEntry } from "../util/tar.js";
import { chunksBlob } from "./blob.js";
import type { Blob } from "./blob.js";
import { hashDigest, hashing, sha256Hasher } from "./digest.js";
import { isGzipLayer } from "./media-types.js";

/** A layer ready to append to an image: its compressed blob and the diffID of its uncompressed tar. */
export interface Layer {
  readonly blob: Blob;
  readonly diffId: string;
}

/** How to build a layer. */
export interface LayerOptions {
  /** The layer's media type; a `…gzip` type compresses, a plain `…tar` type does not. */
  readonly mediaType: string;
  /** zlib level 0–9; default 1 (fastest, as go-containerregistry's default `gzip.BestSpeed`). */
  readonly gzipLevel?: number;
}

export const DEFAULT_GZIP_LEVEL = 1;

function entryKey(entry: TarEntry): string {
  return entry.path.replace(/^\/+/, "").replace(/\/+$/, "");
}

/**
 * Sorts entries by path (byte order, so a directory precedes its contents) and fixes their ownership
 * (uid/gid 0, no names) and modification time. Modes are the caller's, explicitly.
 */
export function normalizeEntries(entries: readonly TarEntry[], mtime: number): TarEntry[] {
  const meta = { uid: 0, gid: 0, uname: "", gname: "", mtime };
  return entries
    .map((entry): TarEntry => ({ ...entry, path: entryKey(entry), meta }))
    .sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}

/**
 * Builds a layer from entries written in the order given (use `normalizeEntries` for reproducible
 * layers). The compressed bytes are held in memory.
 */
export async function createLayer(
  entries: Iterable<TarEntry> | AsyncIterable<TarEntry>,
  options: LayerOptions,
): Promise<Layer> {
  const diffHash = sha256Hasher();
  const blobHash = sha256Hasher();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const collect = async (source: AsyncIterable<Uint8Array>): Promise<void> => {
    for await (const chunk of source) {
      blobHash.update(chunk);
      chunks.push(chunk);
      size += chunk.length;
    }
  };
  const tar = Readable.from(hashing(tarStream(entries), diffHash), { objectMode: false });
  if (isGzipLayer(options.mediaType)) {
    await pipeline(tar, createGzip({ level: options.gzipLevel ?? DEFAULT_GZIP_LEVEL }), collect);
  } else {
    await pipeline(tar, collect);
  }
  const diffId = hashDigest(diffHash);
  const digest = hashDigest(blobHash);
  return { blob: chunksBlob({ mediaType: options.mediaType, size, digest }, chunks), diffId };
}
