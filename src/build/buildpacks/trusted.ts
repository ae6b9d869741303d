/**
 * Builders trusted without `trustBuilder: true`, as pack's built-in list (`internal/builder/trusted_builder.go`):
 * they run the creator in one container. An entry with a tag must match exactly; without, any tag.
 */
import { parseImageReference } from "../tag/reference.js";

export const KNOWN_TRUSTED_BUILDERS = [
  "gcr.io/buildpacks/builder:google-22",
  "heroku/builder:20",
  "heroku/builder:22",
  "heroku/builder:24",
  "paketobuildpacks/builder-jammy-base",
  "paketobuildpacks/builder-jammy-full",
  "paketobuildpacks/builder-jammy-tiny",
  "paketobuildpacks/builder-jammy-buildpackless-static",
  "paketobuildpacks/ubuntu-noble-builder",
  "paketobuildpacks/builder-ubi8-base",
  "paketobuildpacks/ubi-9-builder",
  "paketobuildpacks/ubi-10-builder",
];

function normal(ref: string): { readonly base: string; readonly tag: string } {
  const parsed = parseImageReference(ref);
  const base = parsed.baseName.replace(/^(docker\.io|index\.docker\.io)\//, "");
  return { base, tag: parsed.tag };
}

/** Whether pack would trust the builder without being told. */
export function isTrustedBuilder(builder: string): boolean {
  const wanted = normal(builder);
  return KNOWN_TRUSTED_BUILDERS.some((entry) => {
    const known = normal(entry);
    return known.base === wanted.base && (known.tag === "" || known.tag === (wanted.tag || "latest"));
  });
}
