/**
 * The image-name grammar of distribution/reference (v0.6.0), as regular-expression sources, and Skaffold's
 * `SanitizeImageName` over it. Both readings of a name build on this: Docker's normalised one
 * (`reference.ts`) and Skaffold's unnormalised `ParseReference` (`build/tag/reference.ts`).
 */

const ALPHANUMERIC = "[a-z0-9]+";
const SEPARATOR = "(?:[._]|__|[-]+)";
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";

/** `DomainRegexp`: a host name or bracketed IPv6 address, and an optional port. */
export const DOMAIN_AND_PORT = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|${IPV6})(?::[0-9]+)?`;
/** One lower-case path component of a repository name. */
export const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
/** The repository path: components joined by `/`. */
export const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
export const TAG = "[\\w][\\w.-]{0,127}";
export const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";
const NAME = `(?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME}`;
/** `ReferenceRegexp`, anchored: groups are the name, the tag and the digest. */
export const REFERENCE = `^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`;

const CASE_INSENSITIVE_REFERENCE = new RegExp(REFERENCE, "i");
const ALLOWED_PREFIXES = ["ko://"];

/**
 * Skaffold's `SanitizeImageName`: drops a `ko://` prefix and lower-cases the name part (tags keep their case),
 * so the Go import path `ko://github.com/Org/App` becomes the image name `github.com/org/app`.
 */
export function sanitizeImageName(image: string): string {
  let out = image;
  for (const prefix of ALLOWED_PREFIXES) if (out.startsWith(prefix)) out = out.slice(prefix.length);
  const match = CASE_INSENSITIVE_REFERENCE.exec(out);
  const name = match?.[1];
  return name === undefined ? out : out.replace(name, name.toLowerCase());
}
