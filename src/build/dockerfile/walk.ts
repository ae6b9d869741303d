/**
 * Walks a build context as `docker build` archives it (moby's `archive.TarWithOptions` with the `.dockerignore`
 * patterns): depth first, names sorted, symlinks not followed, excluded directories skipped unless a `!` pattern
 * names something inside them. Entries are produced one directory at a time, never the whole tree at once.
 */
import type { Dirent, Stats } from "node:fs";
import { lstat, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { IgnoreMatcher, ParentMatches } from "./ignore.js";

/** One entry of a build context; `path` is relative to the context root with `/` separators. */
export interface ContextEntry {
  readonly path: string;
  readonly absolute: string;
  readonly kind: "file" | "dir" | "symlink";
  readonly stats: Stats;
}

function kindOf(stats: Stats): ContextEntry["kind"] | undefined {
  if (stats.isFile()) return "file";
  if (stats.isDirectory()) return "dir";
  if (stats.isSymbolicLink()) return "symlink";
  return undefined; // sockets, pipes and devices are not part of a build context here
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

async function* walkDirectory(
  root: string,
  dir: string,
  matcher: IgnoreMatcher,
  parent: ParentMatches | undefined,
): AsyncGenerator<ContextEntry> {
  const names = (await readdir(join(root, dir), { withFileTypes: true })).sort(byName);
  for (const dirent of names) {
    yield* visit(root, dir === "." ? dirent.name : `${dir}/${dirent.name}`, matcher, parent);
  }
}

async function* visit(
  root: string,
  path: string,
  matcher: IgnoreMatcher,
  parent: ParentMatches | undefined,
): AsyncGenerator<ContextEntry> {
  const absolute = join(root, path);
  const stats = await lstat(absolute);
  const kind = kindOf(stats);
  if (kind === undefined) return;
  const [excluded, results] = matcher.matchesWithParent(path, parent);
  if (!excluded) yield { path, absolute, kind, stats };
  if (kind === "dir" && (!excluded || !matcher.canSkipDirectory(path))) {
    yield* walkDirectory(root, path, matcher, results);
  }
}

/**
 * The non-ignored entries of the context `root`, or of the part of it under `start` (a context-relative path,
 * itself included when not ignored). A missing `start` yields nothing.
 */
export async function* walkContext(
  root: string,
  matcher: IgnoreMatcher,
  start = ".",
): AsyncGenerator<ContextEntry> {
  if (start === ".") {
    yield* walkDirectory(root, ".", matcher, undefined);
    return;
  }
  try {
    await lstat(join(root, start));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  yield* visit(root, start, matcher, undefined);
}
