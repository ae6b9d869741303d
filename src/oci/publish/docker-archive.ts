/**
 * The `docker load` tarball (go-containerregistry's `tarball.Write` layout): the config as `<hex>.json`,
 * each layer's blob as it is stored (`<hex>.tar.gz`, or `.tar` uncompressed), and `manifest.json` last,
 * naming the config, the tags and the layer files in order. Files are 0644, owned by root, time 0.
 */
import type { TarEntry } from "../../util/tar.js";
import type { BlobCache } from "../blob-cache.js";
import { digestHex } from "../digest.js";
import type { Image } from "../image.js";
import { isGzipLayer } from "../media-types.js";

const meta = { uid: 0, gid: 0, uname: "", gname: "", mtime: 0 };

function layerFileName(digest: string, mediaType: string): string {
  return `${digestHex(digest)}${isGzipLayer(mediaType) ? ".tar.gz" : ".tar"}`;
}

/** The tar entries of a docker-load archive of `image`, tagged with `repoTags`. */
export async function* dockerArchiveEntries(
  image: Image,
  repoTags: readonly string[],
  cache: BlobCache,
  signal?: AbortSignal,
): AsyncGenerator<TarEntry> {
  const configName = `${digestHex(image.configBlob.descriptor.digest)}.json`;
  const configBytes = image.configBlob.bytes;
  if (configBytes === undefined) throw new Error("an image config must be held in memory");
  yield {
    type: "file",
    path: configName,
    mode: 0o644,
    size: configBytes.length,
    source: { bytes: configBytes },
    meta,
  };
  const written = new Set<string>();
  const layerNames: string[] = [];
  for (const layer of image.layers) {
    const { digest, mediaType, size } = layer.descriptor;
    const name = layerFileName(digest, mediaType);
    layerNames.push(name);
    if (written.has(name)) continue;
    written.add(name);
    yield { type: "file", path: name, mode: 0o644, size, source: await cache.source(layer, signal), meta };
  }
  const manifest = new TextEncoder().encode(
    JSON.stringify([{ Config: configName, RepoTags: [...repoTags], Layers: layerNames }]),
  );
  yield {
    type: "file",
    path: "manifest.json",
    mode: 0o644,
    size: manifest.length,
    source: { bytes: manifest },
    meta,
  };
}
