/**
 * Image replacement (Skaffold's `ReplaceImages`): an `image` field whose name, without tag, equals a built
 * image's name (after `ko://` removal and lowercasing) becomes the built reference. Images pinned by digest
 * are left alone, as are images of other names. Skaffold's two Helm compatibility rules are kept: a value
 * `<name>:<name>` or `<name>/<name>:<name>` left by a v1 `imageStrategy` chart stands for `<name>`.
 */
import type { BuildOutputEntry } from "../build/types.js";
import { parseReference } from "../oci/reference.js";
import { sanitizeImageName } from "../oci/reference-grammar.js";
import { imageAllowed, type ResourceSelector } from "./selector.js";
import type { Manifest } from "./types.js";
import { visitManifests } from "./visit.js";

/** An image field's name parts as Skaffold's `docker.ParseReference` gives them (names as written). */
interface ParsedImage {
  readonly baseName: string;
  readonly domain: string;
  readonly repo: string;
  readonly digest: string;
}

/** Parses an image field; undefined when it is not a valid reference (e.g. an unrendered template). */
export function parseImageField(image: string): ParsedImage | undefined {
  const text = sanitizeImageName(image);
  try {
    parseReference(text);
  } catch {
    return undefined;
  }
  const at = text.indexOf("@");
  const beforeDigest = at === -1 ? text : text.slice(0, at);
  const colon = beforeDigest.lastIndexOf(":");
  const baseName = colon > beforeDigest.lastIndexOf("/") ? beforeDigest.slice(0, colon) : beforeDigest;
  const parts = baseName.split("/");
  const first = parts[0] ?? "";
  const domain = parts.length > 1 && /^[A-Za-z0-9.-]+(:[0-9]+)?$/.test(first) ? first : "";
  return {
    baseName,
    domain,
    repo: parts.length > 1 ? parts.slice(0, -1).join("/") : "",
    digest: at === -1 ? "" : text.slice(at + 1),
  };
}

/** The built reference for an image field, or undefined when the field does not name a built image. */
export function replacementFor(image: string, tags: ReadonlyMap<string, string>): string | undefined {
  let parsed = parseImageField(image);
  if (parsed === undefined) {
    const split = image.split(":");
    const name = split[1];
    if (split.length !== 2 || name === undefined || !image.startsWith(name) || !tags.has(name))
      return undefined;
    parsed = { baseName: name, domain: "", repo: "", digest: "" };
  }
  if (parsed.domain !== "" && parsed.domain === parsed.repo && tags.has(parsed.repo)) {
    parsed = { ...parsed, baseName: parsed.repo };
  }
  if (parsed.digest !== "") return undefined;
  return tags.get(parsed.baseName);
}

/** Built references by (sanitised) image name; with several entries for one name, the last wins. */
export function tagsByImageName(images: readonly BuildOutputEntry[]): Map<string, string> {
  return new Map(images.map((i) => [sanitizeImageName(i.imageName), i.tag]));
}

/** Replaces the images of `images` in copies of `manifests`, honouring the selector's allow and deny lists. */
export function replaceImages(
  manifests: readonly Manifest[],
  images: readonly BuildOutputEntry[],
  selector: ResourceSelector,
): Manifest[] {
  if (images.length === 0) return [...manifests];
  const tags = tagsByImageName(images);
  return visitManifests(manifests, selector, (gk, navpath, parent, key, value) => {
    if (!imageAllowed(selector, gk, navpath, key)) return true;
    if (typeof value !== "string") return true;
    const tag = replacementFor(value, tags);
    if (tag !== undefined) parent[key] = tag;
    return false;
  });
}

/** The image fields (allowed by the selector) of the manifests, in order. */
export function collectImages(manifests: readonly Manifest[], selector: ResourceSelector): string[] {
  const found: string[] = [];
  visitManifests(manifests, selector, (gk, navpath, _parent, key, value) => {
    if (!imageAllowed(selector, gk, navpath, key) || typeof value !== "string") return true;
    found.push(value);
    return false;
  });
  return found;
}
