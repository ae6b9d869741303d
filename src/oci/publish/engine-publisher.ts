/**
 * Publishes into the local Docker engine. An image the engine already has (same config digest, i.e.
 * the same image ID) is only tagged; otherwise a docker-load tarball is streamed to it. For an index,
 * the engine's own platform is loaded.
 */
import { tarStream } from "../../util/tar.js";
import type { BlobCache } from "../blob-cache.js";
import { diskBlobCache } from "../blob-cache.js";
import { familiarName } from "../reference.js";
import { dockerArchiveEntries } from "./docker-archive.js";
import type { Platform } from "../model.js";
import type { Publisher } from "./publisher.js";
import { imageForPlatform, tagText } from "./publisher.js";

/** The engine calls the engine publisher makes (`src/docker`'s `engineImagesOf` supplies them). */
export interface EngineImages {
  /** The engine's platform (`linux/amd64`). */
  platform(): Promise<Platform>;
  /** True when the engine has an image with this ID (`sha256:…`). */
  exists(imageId: string): Promise<boolean>;
  /** Tags an image the engine has. */
  tag(imageId: string, repository: string, tag: string): Promise<void>;
  /** Loads a docker-load tarball. */
  load(archive: AsyncIterable<Uint8Array>): Promise<void>;
}

/** Options of the engine publisher. */
export interface EnginePublisherOptions {
  readonly engine: EngineImages;
  readonly cache?: BlobCache;
}

/** A publisher that loads images into the Docker engine. */
export function enginePublisher(options: EnginePublisherOptions): Publisher {
  const { engine } = options;
  const cache = options.cache ?? diskBlobCache();
  let platform: ReturnType<EngineImages["platform"]> | undefined;
  return {
    async publish(item, target, signal) {
      platform ??= engine.platform();
      const image = imageForPlatform(item, await platform);
      const imageId = image.configBlob.descriptor.digest;
      const name = familiarName(target);
      const tag = target.tag ?? "latest";
      if (await engine.exists(imageId)) {
        await engine.tag(imageId, name, tag);
      } else {
        await engine.load(tarStream(dockerArchiveEntries(image, [tagText(target, name)], cache, signal)));
      }
      return { reference: tagText(target, name), imageId };
    },
  };
}
