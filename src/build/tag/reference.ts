/**
 * Image names as Skaffold reads them (`pkg/skaffold/docker/reference.go` over distribution/reference v0.6.0):
 * a `ko://` prefix is dropped, the name part is lower-cased, then `name[:tag][@digest]` is matched with
 * distribution's grammar.
 */
import { userError } from "../../errors/errors.js";
import { DOMAIN_AND_PORT, REFERENCE, REMOTE_NAME, sanitizeImageName } from "../../oci/reference-grammar.js";

const REFERENCE_PATTERN = new RegExp(REFERENCE);
const ANCHORED_NAME = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);

/** Hex lengths of the digest algorithms go-digest knows (lower-case hex only). */
const DIGEST_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };
const MAX_NAME_LENGTH = 255;

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
