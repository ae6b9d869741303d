/**
 * Caches for warm rebuilds, under `$XDG_CACHE_HOME/trestle/ko` (or `~/.cache/trestle/ko`):
 * - `bin/<workspace+package>/<platform>/<name>`: a stable `go build -o` path, so that `go build` sees its
 *   previous output is up to date and skips the link step (as `KOCACHE` does for ko);
 * - `layers/<key>.{json,blob}`: binary layers keyed by the binary's sha256 and everything else that
 *   shapes the layer, so an unchanged binary skips the tar and gzip work, across processes too.
 * Entries are written atomically; the newest 32 layers are kept.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, readdir, rm, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { fileBlob } from "../../oci/blob.js";
import { hashDigest, sha256Hasher } from "../../oci/digest.js";
import type { Layer, LayerOptions } from "../../oci/layer.js";
import { DEFAULT_GZIP_LEVEL } from "../../oci/layer.js";
import type { Platform } from "../../oci/model.js";
import { writeStreamAtomic } from "../../oci/write-file.js";
import { binaryLayer } from "./ko-layers.js";

/** The ko builder's cache directory. */
export function koCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  return join(env["XDG_CACHE_HOME"] ?? join(env["HOME"] ?? homedir(), ".cache"), "trestle", "ko");
}

/** Where `go build` writes a package's binary for a platform, the same path every time. */
export function binaryPath(
  cacheDir: string,
  workingDir: string,
  importPath: string,
  platform: Platform,
  name: string,
): string {
  const key = createHash("sha256").update(`${workingDir}\0${importPath}`).digest("hex").slice(0, 24);
  const platformDir = [platform.os, platform.architecture, platform.variant]
    .filter((p) => p !== undefined && p !== "")
    .join("-");
  return join(cacheDir, "bin", key, platformDir, name);
}

async function fileDigest(file: string): Promise<string> {
  const hash = sha256Hasher();
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hashDigest(hash);
}

interface Stored {
  readonly mediaType: string;
  readonly size: number;
  readonly digest: string;
  readonly diffId: string;
}

/** Binary layers by content, in memory (bounded) and on disk. */
export class BinaryLayerCache {
  private readonly layers = new Map<string, Promise<Layer>>();
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly dir: string | undefined,
    private readonly capacity = 16,
    private readonly keepOnDisk = 32,
  ) {}

  /** The layer for this binary, built or reused. */
  async layer(file: string, appName: string, mtime: number, options: LayerOptions): Promise<Layer> {
    const parts = [
      await fileDigest(file),
      appName,
      mtime,
      options.mediaType,
      options.gzipLevel ?? DEFAULT_GZIP_LEVEL,
    ];
    const key = createHash("sha256").update(parts.join("|")).digest("hex");
    const hit = this.layers.get(key);
    if (hit !== undefined) {
      this.layers.delete(key);
      this.layers.set(key, hit);
      return hit;
    }
    const made = this.fromDisk(key).then(
      (stored) => stored ?? this.build(key, file, appName, mtime, options),
    );
    this.layers.set(key, made);
    made.catch(() => this.layers.delete(key));
    const oldest = this.layers.keys().next();
    if (this.layers.size > this.capacity && oldest.done !== true) this.layers.delete(oldest.value);
    return made;
  }

  private async fromDisk(key: string): Promise<Layer | undefined> {
    if (this.dir === undefined) return undefined;
    try {
      const stored = JSON.parse(await readFile(join(this.dir, `${key}.json`), "utf8")) as Stored;
      const blob = join(this.dir, `${key}.blob`);
      if ((await stat(blob)).size !== stored.size) return undefined;
      return {
        blob: fileBlob({ mediaType: stored.mediaType, size: stored.size, digest: stored.digest }, blob),
        diffId: stored.diffId,
      };
    } catch {
      return undefined;
    }
  }

  private async build(
    key: string,
    file: string,
    appName: string,
    mtime: number,
    options: LayerOptions,
  ): Promise<Layer> {
    const layer = await binaryLayer(file, appName, mtime, options);
    if (this.dir !== undefined) {
      // Written while the image is published; `flush` waits for it. The cache is best-effort.
      const write = this.store(this.dir, key, layer).catch(() => undefined);
      this.writes.add(write);
      void write.finally(() => this.writes.delete(write));
    }
    return layer;
  }

  /** Waits for layers still being written to disk. */
  async flush(): Promise<void> {
    await Promise.all([...this.writes]);
  }

  private async store(dir: string, key: string, layer: Layer): Promise<void> {
    const stored: Stored = { ...layer.blob.descriptor, diffId: layer.diffId };
    await mkdir(dir, { recursive: true });
    await writeStreamAtomic(join(dir, `${key}.blob`), layer.blob.open());
    await writeFileAtomic(join(dir, `${key}.json`), JSON.stringify(stored));
    await this.prune(dir);
  }

  private async prune(dir: string): Promise<void> {
    const names = (await readdir(dir)).filter((n) => n.endsWith(".json"));
    if (names.length <= this.keepOnDisk) return;
    const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(dir, n))).mtimeMs })));
    dated.sort((a, b) => a.t - b.t);
    for (const { n } of dated.slice(0, dated.length - this.keepOnDisk)) {
      const base = n.slice(0, -".json".length);
      await rm(join(dir, `${base}.json`), { force: true });
      await rm(join(dir, `${base}.blob`), { force: true });
    }
  }
}
