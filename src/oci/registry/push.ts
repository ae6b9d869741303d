/**
 * Pushing an image or index so that a tag is never half-published: every blob first (skipped when
 * present, mounted when possible), then an index's child manifests by digest, and the tag last — only
 * after everything it points at is in the registry. A failure says which step failed and that the tag
 * was left as it was.
 */
import { externalError, isTrestleError } from "../../errors/errors.js";
import type { ImageOrIndex } from "../image.js";
import { uniqueBlobs } from "../image.js";
import { mapLimit } from "../limit.js";
import type { ImageReference } from "../reference.js";
import { formatReference } from "../reference.js";
import { headManifest, putManifest } from "./manifests.js";
import type { RegistrySessions } from "./pull.js";
import type { UploadOptions, UploadOutcome } from "./upload.js";
import { pushBlob } from "./upload.js";

/** Push tuning. */
export interface PushOptions extends UploadOptions {
  /** Blobs uploaded at once; default 4 (as go-containerregistry). */
  readonly concurrency?: number;
}

/** What a push did. */
export interface PushResult {
  /** The digest of the pushed manifest or index. */
  readonly digest: string;
  /** How many blobs were already there, mounted, or uploaded. */
  readonly blobs: Readonly<Record<UploadOutcome, number>>;
}

/** Pushes `item` to `target` (its tag, or `latest`; a digest-only target is pushed by digest). */
export async function pushImage(
  sessions: RegistrySessions,
  target: ImageReference,
  item: ImageOrIndex,
  options: PushOptions = {},
): Promise<PushResult> {
  const api = sessions.api(target.registry);
  const repository = target.repository;
  const name = formatReference({ registry: target.registry, repository, tag: target.tag ?? "latest" });
  const tagOrDigest = target.tag ?? (target.digest === undefined ? "latest" : item.digest);
  const blobs: Record<UploadOutcome, number> = { exists: 0, mounted: 0, uploaded: 0 };
  let step = "uploading blobs";
  try {
    await mapLimit(uniqueBlobs(item), options.concurrency ?? 4, async (blob) => {
      blobs[await pushBlob(api, repository, blob, options)]++;
    });
    if (item.kind === "index") {
      step = "writing the platform manifests";
      for (const image of item.images) {
        if ((await headManifest(api, repository, image.digest, true, options.signal)) !== image.digest) {
          await putManifest(api, repository, image.digest, image, options.signal);
        }
      }
    }
    step = "writing the manifest";
    if ((await headManifest(api, repository, tagOrDigest, true, options.signal)) !== item.digest) {
      await putManifest(api, repository, tagOrDigest, item, options.signal);
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw externalError(
      isTrestleError(error) ? error.code : "PUBLISH_FAILED",
      `pushing ${name} failed while ${step}: ${detail}. The tag was not changed.`,
      isTrestleError(error) ? error.hint : undefined,
      error,
    );
  }
  return { digest: item.digest, blobs };
}
