/**
 * Image references with Docker's normalisation rules (distribution/reference `ParseNormalizedNamed`):
 * a first path component is a registry only when it has a `.` or `:` or is `localhost`; otherwise the
 * registry is `docker.io`, where single-component names get the `library/` prefix.
 */
import { userError } from "../errors/errors.js";
import type { TrestleError } from "../errors/errors.js";
import {
  DIGEST as DIGEST_SOURCE,
  DOMAIN_AND_PORT,
  PATH_COMPONENT as PATH_COMPONENT_SOURCE,
  TAG as TAG_SOURCE,
} from "./reference-grammar.js";

/** A parsed, normalised image reference: `registry/repository[:tag][@digest]`. */
export interface ImageReference {
  /** Registry host and optional port, e.g. `docker.io`, `localhost:5000`. */
  readonly registry: string;
  /** Repository path inside the registry, e.g. `library/nginx`. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

export const DEFAULT_REGISTRY = "docker.io";
const LEGACY_DEFAULT_REGISTRY = "index.docker.io";
const NAME_MAX_LENGTH = 255;

const PATH_COMPONENT = new RegExp(`^${PATH_COMPONENT_SOURCE}$`);
const DOMAIN = new RegExp(`^${DOMAIN_AND_PORT}$`);
const TAG = new RegExp(`^${TAG_SOURCE}$`);
const DIGEST = new RegExp(`^${DIGEST_SOURCE}$`);
const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;
const BARE_ID = /^[a-f0-9]{64}$/;

function invalid(text: string, why: string): TrestleError {
  return userError(
    "INVALID_IMAGE_REFERENCE",
    `invalid image reference "${text}": ${why}`,
    "Use the form [registry/]repository[:tag][@sha256:digest], e.g. localhost:5000/app:v1.",
  );
}

/** True when `tag` is a valid tag (`[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`). */
export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}

/** True when `digest` is a well-formed digest; sha256 digests must be 64 lowercase hex characters. */
export function isValidDigest(digest: string): boolean {
  if (!DIGEST.test(digest)) return false;
  return !digest.startsWith("sha256:") || SHA256_DIGEST.test(digest);
}

function splitDomain(name: string): { readonly registry: string; readonly repository: string } {
  const slash = name.indexOf("/");
  const first = slash === -1 ? "" : name.slice(0, slash);
  const isDomain =
    slash !== -1 && (/[.:]/.test(first) || first === "localhost" || first.toLowerCase() !== first);
  let registry = isDomain ? first : DEFAULT_REGISTRY;
  let repository = isDomain ? name.slice(slash + 1) : name;
  if (registry === LEGACY_DEFAULT_REGISTRY) registry = DEFAULT_REGISTRY;
  if (registry === DEFAULT_REGISTRY && !repository.includes("/")) repository = `library/${repository}`;
  return { registry, repository };
}

/** Splits `name[:tag][@digest]`; the tag's colon is the last one after the last slash. */
function splitSuffixes(text: string): { name: string; tag?: string; digest?: string } {
  const at = text.indexOf("@");
  const digest = at === -1 ? undefined : text.slice(at + 1);
  const rest = at === -1 ? text : text.slice(0, at);
  const colon = rest.lastIndexOf(":");
  const hasTag = colon > rest.lastIndexOf("/");
  return {
    name: hasTag ? rest.slice(0, colon) : rest,
    ...(hasTag ? { tag: rest.slice(colon + 1) } : {}),
    ...(digest === undefined ? {} : { digest }),
  };
}

/** Parses and normalises an image reference; throws a TrestleError (`INVALID_IMAGE_REFERENCE`) when invalid. */
export function parseReference(text: string): ImageReference {
  if (text === "") throw invalid(text, "it is empty");
  if (BARE_ID.test(text)) throw invalid(text, "a 64-character hexadecimal string is an image ID, not a name");
  const { name, tag, digest } = splitSuffixes(text);
  if (name === "") throw invalid(text, "the repository name is missing");
  if (tag !== undefined && !isValidTag(tag)) throw invalid(text, `"${tag}" is not a valid tag`);
  if (digest !== undefined && !isValidDigest(digest))
    throw invalid(text, `"${digest}" is not a valid digest`);
  const { registry, repository } = splitDomain(name);
  if (!DOMAIN.test(registry)) throw invalid(text, `"${registry}" is not a valid registry host`);
  if (repository.toLowerCase() !== repository) throw invalid(text, "the repository name must be lowercase");
  const bad = repository.split("/").find((part) => !PATH_COMPONENT.test(part));
  if (bad !== undefined) {
    throw invalid(
      text,
      `"${bad}" is not a valid path component (lowercase letters, digits, and . _ - between them)`,
    );
  }
  if (registry.length + 1 + repository.length > NAME_MAX_LENGTH) {
    throw invalid(text, `the name is longer than ${NAME_MAX_LENGTH} characters`);
  }
  return {
    registry,
    repository,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

/** `registry/repository`, fully qualified (`docker.io/library/nginx`). */
export function repositoryName(ref: Pick<ImageReference, "registry" | "repository">): string {
  return `${ref.registry}/${ref.repository}`;
}

/** The fully qualified reference text: `registry/repository[:tag][@digest]`. */
export function formatReference(ref: ImageReference): string {
  const tag = ref.tag === undefined ? "" : `:${ref.tag}`;
  const digest = ref.digest === undefined ? "" : `@${ref.digest}`;
  return `${repositoryName(ref)}${tag}${digest}`;
}

/** The digest if there is one, else the tag, else `latest` — what `/manifests/<identifier>` takes. */
export function referenceIdentifier(ref: ImageReference): string {
  return ref.digest ?? ref.tag ?? "latest";
}

/** The same repository with another tag (and no digest). */
export function withTag(ref: ImageReference, tag: string): ImageReference {
  if (!isValidTag(tag)) throw invalid(`${repositoryName(ref)}:${tag}`, `"${tag}" is not a valid tag`);
  return { registry: ref.registry, repository: ref.repository, tag };
}

/** The same repository and tag, pinned to `digest`. */
export function withDigest(ref: ImageReference, digest: string): ImageReference {
  if (!isValidDigest(digest)) throw invalid(`${repositoryName(ref)}@${digest}`, "the digest is malformed");
  return { ...ref, digest };
}

/** Docker's short form, as `docker images` shows it: no `docker.io/` and no `library/`. */
export function familiarName(ref: Pick<ImageReference, "registry" | "repository">): string {
  if (ref.registry !== DEFAULT_REGISTRY) return repositoryName(ref);
  return ref.repository.startsWith("library/") ? ref.repository.slice("library/".length) : ref.repository;
}
