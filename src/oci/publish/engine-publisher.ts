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
import type { EngineImages } from "./engine-load.js";
import { engineImages } from "./engine-load.js";
import type { Publisher } from "./publisher.js";
import { imageForPlatform, tagText } from "./publisher.js";

/** Options of the engine publisher. */
export interface EnginePublisherOptions {
  readonly engine?: EngineImages;
  readonly cache?: BlobCache;
}

/** A publisher that loads images into the Docker engine. */
export function enginePublisher(options: EnginePublisherOptions = {}): Publisher {
  const engine = options.engine ?? engineImages();
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
