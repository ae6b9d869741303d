/** Splitting an image reference into the engine's `name` and `tag` parameters. */
import { parseReference } from "../oci/reference.js";

/** `localhost:5000/app:v1` → `{ name: "localhost:5000/app", tag: "v1" }`; the tag defaults to `latest`. */
export function nameAndTag(ref: string): { readonly name: string; readonly tag: string } {
  const parsed = parseReference(ref);
  const withoutDigest =
    parsed.digest === undefined ? ref : ref.slice(0, ref.length - parsed.digest.length - 1);
  if (parsed.tag === undefined) return { name: withoutDigest, tag: "latest" };
  return { name: withoutDigest.slice(0, withoutDigest.length - parsed.tag.length - 1), tag: parsed.tag };
}

/** An image name or ID as a URL path segment (slashes and colons kept, as the engine routes them). */
export function pathName(ref: string): string {
  return encodeURI(ref).replaceAll("?", "%3F").replaceAll("#", "%23");
}
