/**
 * `--digest-source=remote`: each image's tag is pinned to the digest the registry serves for it
 * (`repo:tag@sha256:…`), as `skaffold render` does; an image the registry does not have is an error.
 */
import type { BuildOutputEntry } from "../build/types.js";
import { externalError } from "../errors/errors.js";
import { parseReference, repositoryName } from "../oci/reference.js";
import type { RegistryClient } from "../oci/registry/client.js";
import { headManifest } from "../oci/registry/manifests.js";

/** The digest sources Skaffold knows. */
export type DigestSource = "remote" | "local" | "tag" | "none";

/** Skaffold's default: `tag` for a local cluster, `remote` otherwise. */
export function effectiveDigestSource(flag: string, localCluster: () => boolean): DigestSource {
  if (flag === "remote" || flag === "local" || flag === "tag" || flag === "none") return flag;
  return localCluster() ? "tag" : "remote";
}

/** Resolves every image's digest in its registry; references that already carry a digest are kept. */
export async function resolveRemoteDigests(
  client: Pick<RegistryClient, "api">,
  images: readonly BuildOutputEntry[],
  signal?: AbortSignal,
): Promise<BuildOutputEntry[]> {
  const out: BuildOutputEntry[] = [];
  for (const image of images) {
    if (image.tag.includes("@")) {
      out.push(image);
      continue;
    }
    const ref = parseReference(image.tag);
    let digest: string | undefined;
    try {
      digest = await headManifest(
        client.api(ref.registry),
        ref.repository,
        ref.tag ?? "latest",
        false,
        signal,
      );
    } catch (error) {
      throw externalError(
        "RENDER_DIGEST_FAILED",
        `failed to resolve the digest of ${image.tag}: ${error instanceof Error ? error.message : String(error)}`,
        "Check that the registry is reachable, or render with --digest-source=tag.",
        error,
      );
    }
    if (digest === undefined) {
      throw externalError(
        "RENDER_DIGEST_NOT_FOUND",
        `failed to resolve the digest of ${image.tag}: does the image exist remotely?`,
        `Push it first (trestle build --push), or render with --digest-source=tag (tags as they are) or local (build first). Registry: ${repositoryName(ref)}`,
      );
    }
    out.push({ imageName: image.imageName, tag: `${image.tag}@${digest}` });
  }
  return out;
}
