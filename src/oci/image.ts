/**
 * Images and indexes ready to publish: the exact manifest bytes (whose sha256 is the digest) together
 * with every blob they name. Serialised once; publishers send these bytes as they are.
 */
import { bytesBlob } from "./blob.js";
import type { Blob } from "./blob.js";
import { sha256Digest } from "./digest.js";
import type { Descriptor, ImageConfig, ImageManifest, IndexManifest, Platform } from "./model.js";

/** An image: its manifest bytes and digest, its config, and its layer blobs in order. */
export interface Image {
  readonly kind: "image";
  readonly mediaType: string;
  readonly bytes: Uint8Array;
  readonly digest: string;
  readonly manifest: ImageManifest;
  readonly config: ImageConfig;
  readonly configBlob: Blob;
  readonly layers: readonly Blob[];
}

/** An index: its manifest bytes and digest, and the images it lists (same order as `manifest.manifests`). */
export interface ImageIndex {
  readonly kind: "index";
  readonly mediaType: string;
  readonly bytes: Uint8Array;
  readonly digest: string;
  readonly manifest: IndexManifest;
  readonly images: readonly Image[];
}

/** Either an image or an index: what builders produce and publishers take. */
export type ImageOrIndex = Image | ImageIndex;

const encoder = new TextEncoder();

/** `{ annotations }` when there are any, else nothing (so empty maps are not serialised). */
function annotationsField(annotations: Readonly<Record<string, string>> | undefined): {
  annotations?: Record<string, string>;
} {
  return annotations === undefined || Object.keys(annotations).length === 0
    ? {}
    : { annotations: { ...annotations } };
}

/** The descriptor of an image or index's manifest. */
export function manifestDescriptor(item: ImageOrIndex, platform?: Platform): Descriptor {
  return {
    mediaType: item.mediaType,
    size: item.bytes.length,
    digest: item.digest,
    ...(platform === undefined ? {} : { platform }),
  };
}

/** Everything needed to serialise an image manifest. */
export interface ImageParts {
  readonly mediaType: string;
  readonly configMediaType: string;
  readonly config: ImageConfig;
  readonly layers: readonly Blob[];
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Serialises a config and manifest for these parts (config first, since the manifest names its digest). */
export function assembleImage(parts: ImageParts): Image {
  const configBlob = bytesBlob(parts.configMediaType, encoder.encode(JSON.stringify(parts.config)));
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: parts.mediaType,
    config: configBlob.descriptor,
    layers: parts.layers.map((layer) => layer.descriptor),
    ...annotationsField(parts.annotations),
  };
  const bytes = encoder.encode(JSON.stringify(manifest));
  return {
    kind: "image",
    mediaType: parts.mediaType,
    bytes,
    digest: sha256Digest(bytes),
    manifest,
    config: parts.config,
    configBlob,
    layers: parts.layers,
  };
}

/** One entry of an index under construction: the image and the descriptor fields to record for it. */
export interface IndexEntry {
  readonly image: Image;
  readonly platform?: Platform;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly urls?: readonly string[];
}

/** Serialises an index over images, in the order given. */
export function assembleIndex(
  mediaType: string,
  entries: readonly IndexEntry[],
  annotations?: Readonly<Record<string, string>>,
): ImageIndex {
  const manifest: IndexManifest = {
    schemaVersion: 2,
    mediaType,
    manifests: entries.map((entry) => ({
      ...manifestDescriptor(entry.image, entry.platform),
      ...(entry.urls === undefined ? {} : { urls: [...entry.urls] }),
      ...(entry.annotations === undefined ? {} : { annotations: { ...entry.annotations } }),
    })),
    ...annotationsField(annotations),
  };
  const bytes = encoder.encode(JSON.stringify(manifest));
  return {
    kind: "index",
    mediaType,
    bytes,
    digest: sha256Digest(bytes),
    manifest,
    images: entries.map((entry) => entry.image),
  };
}

/** Every distinct blob an image or index needs (layers and configs), each once, in manifest order. */
export function uniqueBlobs(item: ImageOrIndex): Blob[] {
  const images = item.kind === "image" ? [item] : item.images;
  const seen = new Map<string, Blob>();
  for (const image of images) {
    for (const blob of [...image.layers, image.configBlob]) {
      if (!seen.has(blob.descriptor.digest)) seen.set(blob.descriptor.digest, blob);
    }
  }
  return [...seen.values()];
}
