/**
 * Reuses the binary layer when `go build` produced the same bytes as before (a warm rebuild with no
 * change): layers are keyed by the binary's sha256 and everything else that shapes the layer, so the
 * tar and gzip work is skipped (ko's layer cache does the same).
 */
import { createReadStream } from "node:fs";
import { hashDigest, sha256Hasher } from "../../oci/digest.js";
import type { Layer, LayerOptions } from "../../oci/layer.js";
import { DEFAULT_GZIP_LEVEL } from "../../oci/layer.js";
import { binaryLayer } from "./ko-layers.js";

async function fileDigest(file: string): Promise<string> {
  const hash = sha256Hasher();
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hashDigest(hash);
}

/** A bounded, in-memory map from binary contents to built layers. */
export class BinaryLayerCache {
  private readonly layers = new Map<string, Promise<Layer>>();

  constructor(private readonly capacity = 16) {}

  /** The layer for this binary, built or reused. */
  async layer(file: string, appName: string, mtime: number, options: LayerOptions): Promise<Layer> {
    const key = [
      await fileDigest(file),
      appName,
      mtime,
      options.mediaType,
      options.gzipLevel ?? DEFAULT_GZIP_LEVEL,
    ].join("|");
    const hit = this.layers.get(key);
    if (hit !== undefined) {
      this.layers.delete(key);
      this.layers.set(key, hit);
      return hit;
    }
    const built = binaryLayer(file, appName, mtime, options);
    this.layers.set(key, built);
    built.catch(() => this.layers.delete(key));
    const oldest = this.layers.keys().next();
    if (this.layers.size > this.capacity && oldest.done !== true) this.layers.delete(oldest.value);
    return built;
  }
}
