/** Derives a new image from a base: appended layers with their history, and an edited config. */
import type { Image } from "./image.js";
import { assembleImage } from "./image.js";
import type { Layer } from "./layer.js";
import type { History, ImageConfig } from "./model.js";

/** A layer to append and the history entry that explains it. */
export interface Addendum {
  readonly layer: Layer;
  readonly history: History;
}

/** What to change on top of a base image. */
export interface Mutation {
  readonly layers: readonly Addendum[];
  /** Edits a copy of the config (after the new diffIDs and history are in). */
  readonly config?: (config: ImageConfig) => ImageConfig;
  /** Manifest annotations of the new image (replacing the base's). */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * Appends layers to `base` (whose layer blobs are reused as they are, by digest) and re-serialises. The
 * base is not changed. Layer media types should match the base's manifest family (`layerMediaTypeFor`).
 */
export function mutateImage(base: Image, mutation: Mutation): Image {
  const copy = structuredClone(base.config);
  const withLayers: ImageConfig = {
    ...copy,
    rootfs: {
      ...copy.rootfs,
      diff_ids: [...copy.rootfs.diff_ids, ...mutation.layers.map((a) => a.layer.diffId)],
    },
    history: [...(copy.history ?? []), ...mutation.layers.map((a) => a.history)],
  };
  const config = mutation.config === undefined ? withLayers : mutation.config(withLayers);
  return assembleImage({
    mediaType: base.mediaType,
    configMediaType: base.manifest.config.mediaType,
    config,
    layers: [...base.layers, ...mutation.layers.map((a) => a.layer.blob)],
    ...(mutation.annotations === undefined ? {} : { annotations: mutation.annotations }),
  });
}
