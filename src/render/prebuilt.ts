/**
 * Images given instead of built (`--build-artifacts`, `--images`), merged as Skaffold merges them: the build.json
 * entries win over `--images` for the same name, then `--tag` and the default repo are applied.
 */
import type { BuildOutputEntry } from "../build/types.js";
import { substituteDefaultRepo } from "../build/default-repo.js";
import { userError } from "../errors/errors.js";
import { parseImageField } from "../manifest/images.js";

/** Parses one `--images` value: `name=reference`, or a reference whose name (without tag) is the image name. */
export function parseImageFlag(value: string): BuildOutputEntry {
  const bad = (why: string) =>
    userError(
      "IMAGES_FLAG_INVALID",
      `--images ${JSON.stringify(value)}: ${why}`,
      "Use --images name=registry/name:tag, or --images registry/name:tag.",
    );
  if (value === "") throw bad("empty value");
  const eq = value.indexOf("=");
  const tag = eq === -1 ? value : value.slice(eq + 1);
  const parsed = parseImageField(tag);
  if (parsed === undefined) throw bad(`${JSON.stringify(tag)} is not a valid image reference`);
  return { imageName: eq === -1 ? parsed.baseName : value.slice(0, eq), tag };
}

/** Skaffold's `MergeWithPreviousBuilds`: entries of `newer` replace same-named ones of `older`, order kept. */
export function mergeImages(
  newer: readonly BuildOutputEntry[],
  older: readonly BuildOutputEntry[],
): BuildOutputEntry[] {
  const byName = new Map(newer.map((e) => [e.imageName, e]));
  const out = older.map((e) => byName.get(e.imageName) ?? e);
  const seen = new Set(older.map((e) => e.imageName));
  return [...out, ...newer.filter((e) => !seen.has(e.imageName))];
}

/** Replaces (or sets) the tag of a reference, keeping no digest: Skaffold's `SetImageTag`. */
function withCustomTag(reference: string, tag: string): string {
  const at = reference.indexOf("@");
  const named = at === -1 ? reference : reference.slice(0, at);
  const colon = named.lastIndexOf(":");
  const base = colon > named.lastIndexOf("/") ? named.slice(0, colon) : named;
  return `${base}:${tag}`;
}

/** The images to render or deploy from build.json entries and `--images` values. */
export function preBuiltImages(
  fromFile: readonly BuildOutputEntry[],
  fromFlags: readonly string[],
  options: {
    readonly customTag?: string;
    readonly defaultRepo?: string | undefined;
    readonly multiLevelRepo?: boolean | undefined;
  } = {},
): BuildOutputEntry[] {
  const merged = mergeImages(fromFile, mergeImages(fromFlags.map(parseImageFlag), []));
  return merged.map((entry) => {
    const tag = options.customTag ? withCustomTag(entry.tag, options.customTag) : entry.tag;
    return {
      imageName: entry.imageName,
      tag: substituteDefaultRepo(options.defaultRepo, options.multiLevelRepo, tag),
    };
  });
}
