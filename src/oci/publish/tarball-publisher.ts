/** Publishes a docker-load tarball to a file (written beside it, then renamed into place). */
import { tarStream } from "../../util/tar.js";
import type { BlobCache } from "../blob-cache.js";
import { diskBlobCache } from "../blob-cache.js";
import type { Platform } from "../model.js";
import { familiarName } from "../reference.js";
import { writeStreamAtomic } from "../write-file.js";
import { dockerArchiveEntries } from "./docker-archive.js";
import type { Publisher } from "./publisher.js";
import { imageForPlatform, tagText } from "./publisher.js";

/** Options of the tarball publisher. */
export interface TarballPublisherOptions {
  readonly cache?: BlobCache;
  /** Which image of an index to write; default the host's platform. */
  readonly platform?: Platform;
}

/** A publisher that writes `docker load` tarballs to `file`. */
export function tarballPublisher(file: string, options: TarballPublisherOptions = {}): Publisher {
  const cache = options.cache ?? diskBlobCache();
  return {
    async publish(item, target, signal) {
      const image = imageForPlatform(item, options.platform);
      const reference = tagText(target, familiarName(target));
      await writeStreamAtomic(
        file,
        tarStream(dockerArchiveEntries(image, [reference], cache, signal)),
        signal,
      );
      return { reference, imageId: image.configBlob.descriptor.digest };
    },
  };
}
