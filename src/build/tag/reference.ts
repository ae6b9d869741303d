/**
 * Image names as Skaffold reads them (`pkg/skaffold/docker/reference.go` over distribution/reference v0.6.0):
 * a `ko://` prefix is dropped, the name part is lower-cased, then `name[:tag][@digest]` is matched with
 * distribution's grammar.
 */
import { userError } from "../../errors/errors.js";

const ALPHANUMERIC = "[a-z0-9]+";
const SEPARATOR = "(?:[._]|__|[-]+)";
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
/** distribution's `DomainRegexp` source: a host name or bracketed IPv6 address, and an optional port. */
export const DOMAIN_AND_PORT = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|${IPV6})(?::[0-9]+)?`;
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const NAME = `(?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME}`;
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";
const REFERENCE = `^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`;

/** distribution's `ReferenceRegexp`, and the case-insensitive variant Skaffold uses to find the name part. */
const REFERENCE_PATTERN = new RegExp(REFERENCE);
const CASE_INSENSITIVE_REFERENCE = new RegExp(REFERENCE, "i");
const ANCHORED_NAME = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);

/** Hex lengths of the digest algorithms go-digest knows (lower-case hex only). */
const DIGEST_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };
const MAX_NAME_LENGTH = 255;
const ALLOWED_PREFIXES = ["ko://"];

/** A parsed image name (Skaffold's `ImageReference`). */
export interface ImageReference {
  /** The name without tag and digest, e.g. `gcr.io/project/app`. */
  readonly baseName: string;
  /** Registry host (distribution's reading: the first component when followed by `/`), or "". */
  readonly domain: string;
  readonly path: string;
  /** Everything before the last `/` of `baseName`, or "" for a one-component name. */
  readonly repo: string;
  /** The last component of `baseName` when there are several, else "". */
  readonly name: string;
  readonly tag: string;
  readonly digest: string;
  /** Has a digest, or a tag other than `latest`. */
  readonly fullyQualified: boolean;
}

/** Skaffold's `SanitizeImageName`: drops a `ko://` prefix and lower-cases the name part (tags keep their case). */
export function sanitizeImageName(image: string): string {
  let out = image;
  for (const prefix of ALLOWED_PREFIXES) if (out.startsWith(prefix)) out = out.slice(prefix.length);
  const match = CASE_INSENSITIVE_REFERENCE.exec(out);
  const name = match?.[1];
  return name === undefined ? out : out.replace(name, name.toLowerCase());
}

function invalid(image: string, reason: string): Error {
  return userError(
    "IMAGE_REFERENCE_INVALID",
    `parsing image name "${image}": ${reason}`,
    "Image names look like registry.example.com/team/app[:tag][@sha256:…], with a lower-case name.",
  );
}

function checkDigest(image: string, digest: string): void {
  const colon = digest.indexOf(":");
  const expected = DIGEST_LENGTHS[digest.slice(0, colon)];
  if (expected === undefined) throw invalid(image, "unsupported digest algorithm");
  const hex = digest.slice(colon + 1);
  if (hex.length !== expected || !/^[a-f0-9]+$/.test(hex))
    throw invalid(image, "invalid checksum digest format");
}

/** Skaffold's `docker.ParseReference`; throws a user error with distribution's reason for an invalid name. */
export function parseImageReference(image: string): ImageReference {
  const sanitized = sanitizeImageName(image);
  const match = REFERENCE_PATTERN.exec(sanitized);
  if (match === null) {
    if (sanitized === "") throw invalid(image, "repository name must have at least one component");
    if (REFERENCE_PATTERN.test(sanitized.toLowerCase())) {
      throw invalid(image, "repository name must be lowercase");
    }
    throw invalid(image, "invalid reference format");
  }
  const baseName = match[1] ?? "";
  const tag = match[2] ?? "";
  const digest = match[3] ?? "";
  const nameMatch = ANCHORED_NAME.exec(baseName);
  const domain = nameMatch?.[1] ?? "";
  const path = nameMatch?.[2] ?? baseName;
  if (path.length > MAX_NAME_LENGTH) {
    throw invalid(image, `repository name must not be more than ${MAX_NAME_LENGTH} characters`);
  }
  if (digest !== "") checkDigest(image, digest);
  const slash = baseName.lastIndexOf("/");
  return {
    baseName,
    domain,
    path,
    repo: slash < 0 ? "" : baseName.slice(0, slash),
    name: slash < 0 ? "" : baseName.slice(slash + 1),
    tag,
    digest,
    fullyQualified: digest !== "" || (tag !== "" && tag !== "latest"),
  };
}
