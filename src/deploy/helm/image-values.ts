/**
 * Skaffold's image template values for Helm `setValueTemplates`: per built image,
 * `IMAGE_FULLY_QUALIFIED_<name>`, `IMAGE_REPO_<name>`, `IMAGE_TAG_<name>`, `IMAGE_DIGEST_<name>`,
 * `IMAGE_DOMAIN_<name>` and `IMAGE_REPO_NO_DOMAIN_<name>`, with `/ - . :` in the name turned into `_`.
 */
import type { BuildOutputEntry } from "../../build/types.js";
import { parseReference } from "../../oci/reference.js";

/** The suffix Skaffold gives an image name in template keys. */
export function imageKey(imageName: string): string {
  return imageName.replace(/[/\-.:]/g, "_");
}

function splitReference(reference: string): {
  repo: string;
  tag: string;
  digest: string;
} {
  const at = reference.indexOf("@");
  const digest = at < 0 ? "" : reference.slice(at + 1);
  const named = at < 0 ? reference : reference.slice(0, at);
  const slash = named.lastIndexOf("/");
  const colon = named.lastIndexOf(":");
  return colon > slash
    ? { repo: named.slice(0, colon), tag: named.slice(colon + 1), digest }
    : { repo: named, tag: "", digest };
}

/** Every image template value of the given builds. */
export function imageTemplateValues(builds: readonly BuildOutputEntry[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const build of builds) {
    const key = imageKey(build.imageName);
    const { repo, tag, digest } = splitReference(build.tag);
    let domain = "";
    try {
      domain = parseReference(repo).registry;
    } catch {
      domain = "";
    }
    const firstSlash = repo.indexOf("/");
    const first = firstSlash < 0 ? "" : repo.slice(0, firstSlash);
    const explicitDomain = first.includes(".") || first.includes(":") || first === "localhost";
    out[`IMAGE_FULLY_QUALIFIED_${key}`] = build.tag;
    out[`IMAGE_REPO_${key}`] = repo;
    out[`IMAGE_TAG_${key}`] = tag;
    out[`IMAGE_DIGEST_${key}`] = digest;
    out[`IMAGE_DOMAIN_${key}`] = domain;
    out[`IMAGE_REPO_NO_DOMAIN_${key}`] = explicitDomain ? repo.slice(firstSlash + 1) : repo;
  }
  return out;
}
