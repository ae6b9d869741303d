/**
 * A content-addressed cache of blobs on disk (`<dir>/sha256/<hex>`), for blobs that live in a registry
 * but must be read locally (loading into the engine, writing a tarball). Entries are written to a
 * temporary file, checked against their digest, then renamed into place.
 */
import { mkdir, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { externalError } from "../errors/errors.js";
import type { TarSource } from "../util/tar.js";
import type { Blob } from "./blob.js";
import { digestHex, hashDigest, hashing, sha256Hasher } from "./digest.js";
import { writeStreamAtomic } from "./write-file.js";

/** Gives local access to blobs' bytes. */
export interface BlobCache {
  /** A tar source for the blob: its bytes or file when local, else a cached copy. */
  source(blob: Blob, signal?: AbortSignal): Promise<TarSource>;
}

/** The default cache directory: `$XDG_CACHE_HOME/trestle/blobs` (or `~/.cache/trestle/blobs`). */
export function defaultBlobCacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(env["XDG_CACHE_HOME"] ?? join(homedir(), ".cache"), "trestle", "blobs");
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
}

/** A cache in `dir`. */
export function diskBlobCache(dir: string = defaultBlobCacheDir()): BlobCache {
  const inFlight = new Map<string, Promise<string>>();
  const fill = async (blob: Blob, file: string, signal?: AbortSignal): Promise<string> => {
    const { digest, size } = blob.descriptor;
    if ((await sizeOf(file)) === size) return file;
    await mkdir(join(dir, "sha256"), { recursive: true });
    const hash = sha256Hasher();
    await writeStreamAtomic(file, hashing(blob.open(0), hash), signal, () => {
      const actual = hashDigest(hash);
      if (actual !== digest)
        throw externalError("BLOB_DIGEST_MISMATCH", `blob ${digest} read back as ${actual}`);
    });
    return file;
  };
  return {
    async source(blob, signal) {
      if (blob.bytes !== undefined) return { bytes: blob.bytes };
      if (blob.file !== undefined) return { file: blob.file };
      const { digest } = blob.descriptor;
      const file = join(dir, "sha256", digestHex(digest));
      let pending = inFlight.get(digest);
      if (pending === undefined) {
        pending = fill(blob, file, signal).finally(() => inFlight.delete(digest));
        inFlight.set(digest, pending);
      }
      return { file: await pending };
    },
  };
}
