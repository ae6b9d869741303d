/**
 * Pulling: a reference's manifest (verified by digest), and for an index the manifests of the selected
 * platforms; configs are fetched, layers stay in the registry as lazily-read blobs. Results are cached
 * by digest, so a later pull of the same tag costs one HEAD.
 */
import { externalError } from "../../errors/errors.js";
import { bytesBlob, readAll } from "../blob.js";
import type { Image } from "../image.js";
import type { Descriptor, IndexManifest } from "../model.js";
import { parseConfig, parseManifest } from "../model.js";
import { isImageMediaType } from "../media-types.js";
import type { PlatformSelection } from "../platform.js";
import { formatPlatform, platformSelected } from "../platform.js";
import type { ImageReference } from "../reference.js";
import { formatReference, referenceIdentifier } from "../reference.js";
import { readBlob, remoteBlob } from "./blobs.js";
import type { RegistryApi } from "./client.js";
import { getManifest, headManifest } from "./manifests.js";

/** A pulled image, or an index with the images of its selected platforms. */
export type Pulled =
  | { readonly kind: "image"; readonly digest: string; readonly image: Image }
  | {
      readonly kind: "index";
      readonly digest: string;
      readonly mediaType: string;
      readonly manifest: IndexManifest;
      /** Selected entries, in the index's order. */
      readonly entries: readonly { readonly descriptor: Descriptor; readonly image: Image }[];
    };

/** Pulls images, remembering manifests and configs by digest. */
export interface ImagePuller {
  /** Pulls `ref`; for an index, only entries in `platforms` (default `all`) are fetched. */
  pull(ref: ImageReference, platforms?: PlatformSelection, signal?: AbortSignal): Promise<Pulled>;
}

/** Anything that hands out per-registry APIs (the RegistryClient). */
export interface RegistrySessions {
  api(registry: string): RegistryApi;
}

/** Creates a puller over a registry client. */
export function createPuller(sessions: RegistrySessions): ImagePuller {
  const images = new Map<string, Promise<Image>>();
  const documents = new Map<string, Promise<{ bytes: Uint8Array; contentType: string | undefined }>>();

  const fetchImage = async (
    api: RegistryApi,
    repository: string,
    digest: string,
    bytes: Uint8Array,
    contentType?: string,
    signal?: AbortSignal,
  ): Promise<Image> => {
    const parsed = parseManifest(bytes, contentType);
    if (parsed.kind !== "image")
      throw externalError(
        "OCI_NESTED_INDEX",
        `${digest} is an index inside an index, which is not supported`,
      );
    const { manifest, mediaType } = parsed;
    const configBytes = await readAll(readBlob(api, repository, manifest.config, signal));
    return {
      kind: "image",
      mediaType,
      bytes,
      digest,
      manifest,
      config: parseConfig(configBytes),
      configBlob: {
        ...bytesBlob(manifest.config.mediaType, configBytes),
        origin: { registry: api.registry, repository },
      },
      layers: manifest.layers.map((layer) => remoteBlob(api, repository, layer)),
    };
  };

  const imageByDigest = (
    api: RegistryApi,
    repository: string,
    digest: string,
    signal?: AbortSignal,
  ): Promise<Image> => {
    const key = `${api.registry}/${repository}@${digest}`;
    let hit = images.get(key);
    if (hit === undefined) {
      hit = getManifest(api, repository, digest, signal).then((m) =>
        fetchImage(api, repository, digest, m.bytes, m.contentType, signal),
      );
      images.set(key, hit);
      hit.catch(() => images.delete(key));
    }
    return hit;
  };

  // A tag seen before costs one HEAD to learn whether it moved; a new tag goes straight to GET.
  const seenTags = new Set<string>();
  const document = async (
    api: RegistryApi,
    ref: ImageReference,
    signal?: AbortSignal,
  ): Promise<{ digest: string; bytes: Uint8Array; contentType: string | undefined }> => {
    const identifier = referenceIdentifier(ref);
    const tagKey = `${api.registry}/${ref.repository}:${identifier}`;
    const known = ref.digest !== undefined || seenTags.has(tagKey);
    const digest =
      ref.digest ?? (known ? await headManifest(api, ref.repository, identifier, false, signal) : undefined);
    const cached =
      digest === undefined ? undefined : documents.get(`${api.registry}/${ref.repository}@${digest}`);
    if (cached !== undefined && digest !== undefined) return { digest, ...(await cached) };
    const fetched = await getManifest(api, ref.repository, identifier, signal);
    documents.set(`${api.registry}/${ref.repository}@${fetched.digest}`, Promise.resolve(fetched));
    seenTags.add(tagKey);
    return fetched;
  };

  return {
    async pull(ref, platforms = "all", signal) {
      const api = sessions.api(ref.registry);
      const { digest, bytes, contentType } = await document(api, ref, signal);
      const parsed = parseManifest(bytes, contentType);
      if (parsed.kind === "image") {
        const key = `${api.registry}/${ref.repository}@${digest}`;
        let image = images.get(key);
        if (image === undefined) {
          image = fetchImage(api, ref.repository, digest, bytes, contentType, signal);
          images.set(key, image);
        }
        return { kind: "image", digest, image: await image };
      }
      const selected = parsed.manifest.manifests.filter((d) => platformSelected(platforms, d.platform));
      for (const d of selected) {
        if (!isImageMediaType(d.mediaType)) {
          throw externalError(
            "OCI_NESTED_INDEX",
            `${formatReference(ref)} lists ${d.digest} of type ${d.mediaType}; nested indexes are not supported`,
          );
        }
      }
      if (selected.length === 0) {
        const have = parsed.manifest.manifests.map((d) =>
          d.platform === undefined ? "?" : formatPlatform(d.platform),
        );
        throw externalError(
          "PLATFORM_NOT_AVAILABLE",
          `${formatReference(ref)} has no image for the requested platforms (it has ${have.join(", ") || "none"})`,
          "Pick platforms the base image provides, or a base image that provides them.",
        );
      }
      const entries = await Promise.all(
        selected.map(async (descriptor) => ({
          descriptor,
          image: await imageByDigest(api, ref.repository, descriptor.digest, signal),
        })),
      );
      return { kind: "index", digest, mediaType: parsed.mediaType, manifest: parsed.manifest, entries };
    },
  };
}
