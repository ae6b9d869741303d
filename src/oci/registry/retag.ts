/**
 * Giving a pushed image another tag without pushing it again: the manifest (or index) is fetched by digest
 * and PUT under the new tag, byte for byte, so its digest stays the same and no blob is sent. Only within
 * one repository, where every blob and child manifest it names is already present.
 */
import { userError } from "../../errors/errors.js";
import type { ImageReference } from "../reference.js";
import { formatReference } from "../reference.js";
import { getManifest, headManifest, putManifest } from "./manifests.js";
import type { RegistrySessions } from "./pull.js";

/** What a retag did. */
export interface RetagResult {
  readonly digest: string;
  /** False when the tag already pointed at the digest (nothing was written). */
  readonly written: boolean;
}

/**
 * Points `tag` of `source`'s repository at `source.digest`. `source` must carry a digest; `target` must be in
 * the same registry and repository (anything else needs the blobs copied: push the image instead).
 */
export async function retagInRegistry(
  sessions: RegistrySessions,
  source: ImageReference,
  target: ImageReference,
  signal?: AbortSignal,
): Promise<RetagResult> {
  const digest = source.digest;
  if (digest === undefined || target.tag === undefined) {
    throw userError(
      "RETAG_NEEDS_DIGEST_AND_TAG",
      `retagging needs a source digest and a target tag: ${formatReference(source)} → ${formatReference(target)}`,
    );
  }
  if (source.registry !== target.registry || source.repository !== target.repository) {
    throw userError(
      "RETAG_OTHER_REPOSITORY",
      `cannot retag ${formatReference(source)} as ${formatReference(target)}: another repository needs its blobs pushed`,
    );
  }
  const api = sessions.api(target.registry);
  if ((await headManifest(api, target.repository, target.tag, true, signal)) === digest)
    return { digest, written: false };
  const manifest = await getManifest(api, source.repository, digest, signal);
  const mediaType = manifest.contentType ?? mediaTypeOf(manifest.bytes);
  await putManifest(api, target.repository, target.tag, { mediaType, bytes: manifest.bytes }, signal);
  return { digest, written: true };
}

function mediaTypeOf(bytes: Uint8Array): string {
  const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { mediaType?: unknown; manifests?: unknown };
  if (typeof parsed.mediaType === "string") return parsed.mediaType;
  return Array.isArray(parsed.manifests)
    ? "application/vnd.oci.image.index.v1+json"
    : "application/vnd.oci.image.manifest.v1+json";
}
