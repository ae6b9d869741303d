/** Publishes to a registry: blobs first (skipped or mounted when possible), the tag last. */
import type { PushOptions, PushResult } from "../registry/push.js";
import { pushImage } from "../registry/push.js";
import type { RegistrySessions } from "../registry/pull.js";
import { formatReference } from "../reference.js";
import type { Publisher } from "./publisher.js";

/** Options of the registry publisher. */
export interface RegistryPublisherOptions extends PushOptions {
  /** Called with what the push did (blob counts), for logs and tests. */
  readonly onPushed?: (result: PushResult) => void;
}

/** A publisher that pushes to the target's registry. */
export function registryPublisher(
  sessions: RegistrySessions,
  options: RegistryPublisherOptions = {},
): Publisher {
  return {
    async publish(item, target, signal) {
      const result = await pushImage(
        sessions,
        target,
        item,
        signal === undefined ? options : { ...options, signal },
      );
      options.onPushed?.(result);
      const named = { registry: target.registry, repository: target.repository, tag: target.tag ?? "latest" };
      return { reference: `${formatReference(named)}@${result.digest}`, digest: result.digest };
    },
  };
}
