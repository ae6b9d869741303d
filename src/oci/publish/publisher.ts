/** The publishing seam: put a built image or index somewhere under a name. */
import type { Image, ImageOrIndex } from "../image.js";
import type { Platform } from "../model.js";
import { hostPlatform, platformMatches } from "../platform.js";
import type { ImageReference } from "../reference.js";

/** Where a published image can be found. */
export interface PublishResult {
  /** `repository:tag@sha256:…` after a registry push; `repository:tag` otherwise. */
  readonly reference: string;
  /** Manifest (or index) digest, when the destination addresses images by manifest. */
  readonly digest?: string;
  /** The engine's image ID (the config digest), when loaded into Docker. */
  readonly imageId?: string;
}

/**
 * Publishes an image or index under a name: every blob before the name, so a failure never leaves
 * the name pointing at something incomplete; errors say which step failed.
 */
export interface Publisher {
  publish(item: ImageOrIndex, target: ImageReference, signal?: AbortSignal): Promise<PublishResult>;
}

/** The image of an index that suits `platform` (the first entry when none does); an image is itself. */
export function imageForPlatform(item: ImageOrIndex, platform: Platform = hostPlatform()): Image {
  if (item.kind === "image") return item;
  const index = item.manifest.manifests.findIndex((d) => platformMatches(platform, d.platform));
  const chosen = item.images[index === -1 ? 0 : index];
  if (chosen === undefined) throw new Error("an image index without images");
  return chosen;
}

/** The text of a target reference as given to the engine: `name:tag`. */
export function tagText(target: ImageReference, name: string): string {
  return `${name}:${target.tag ?? "latest"}`;
}
