/**
 * Default-repo rewriting, as Skaffold's `SubstituteDefaultRepoIntoImage` (`pkg/skaffold/docker/default_repo.go`):
 * `--default-repo` (or the global config's `default-repo`) is put in front of every built image name.
 */
import { DOMAIN_AND_PORT } from "../oci/reference-grammar.js";
import { parseImageReference } from "./tag/reference.js";

const MAX_LENGTH = 255;
const ESCAPED = /[/._:@]/g;
/** A registry followed by a GCP project id: the `<registry>/<project>` of GCR and Artifact Registry. */
const GCP_PREFIX = new RegExp(`^${DOMAIN_AND_PORT}/[a-z][a-z0-9-]{4,28}[a-z0-9]/?`);

const truncate = (image: string): string => (image.length > MAX_LENGTH ? image.slice(0, MAX_LENGTH) : image);

/** GCR and Artifact Registry always take nested repositories; elsewhere the global `multi-level-repo` decides. */
function supportsMultiLevel(defaultRepoPrefix: string, multiLevelRepo: boolean | undefined): boolean {
  if (defaultRepoPrefix.includes("gcr.io") || defaultRepoPrefix.includes("-docker.pkg.dev")) return true;
  return multiLevelRepo ?? false;
}

function replace(defaultRepo: string, multiLevelRepo: boolean | undefined, baseImage: string): string {
  if (baseImage.startsWith(defaultRepo)) return baseImage;
  const originalPrefix = GCP_PREFIX.exec(baseImage)?.[0] ?? "";
  const defaultRepoPrefix = GCP_PREFIX.exec(defaultRepo)?.[0] ?? "";
  if (supportsMultiLevel(defaultRepoPrefix, multiLevelRepo)) {
    if (originalPrefix === defaultRepoPrefix) {
      return `${defaultRepo}/${baseImage.slice(originalPrefix.length)}`;
    }
    return truncate(`${defaultRepo}/${baseImage}`);
  }
  return truncate(`${defaultRepo}/${baseImage.replace(ESCAPED, "_")}`);
}

/**
 * Rewrites `image` (which may carry a tag and digest, kept as they are) to live under `defaultRepo`:
 * unchanged when there is no default repo or the image already starts with it; for multi-level registries
 * the image is nested under the repo (sharing a `<registry>/<project>` prefix only once); otherwise
 * `/ . _ : @` become `_` and the name is cut to 255 characters.
 * Throws a user error when `image` is not a valid image name.
 */
export function substituteDefaultRepo(
  defaultRepo: string | undefined,
  multiLevelRepo: boolean | undefined,
  image: string,
): string {
  if (defaultRepo === undefined || defaultRepo === "") return image;
  const parsed = parseImageReference(image);
  let replaced = replace(defaultRepo, multiLevelRepo, parsed.baseName);
  if (parsed.tag !== "") replaced += `:${parsed.tag}`;
  if (parsed.digest !== "") replaced += `@${parsed.digest}`;
  return replaced;
}
