/**
 * Go's `filepath.Glob` over a directory tree, which is how `COPY`/`ADD` wildcards are expanded for dependency
 * listing and inferred sync: `*`, `?` and `[…]` within one path segment, no `**`, dotfiles not special.
 */
import { lstat, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { goMatch, hasGlobMeta } from "./go-match.js";

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Expands `pattern` (relative, `/` separators) under `root`; returns the matching relative paths, sorted. */
export async function globRelative(root: string, pattern: string): Promise<string[]> {
  if (!hasGlobMeta(pattern)) return (await exists(join(root, pattern))) ? [pattern] : [];
  const slash = pattern.lastIndexOf("/");
  const dirPattern = slash < 0 ? "." : pattern.slice(0, slash);
  const filePattern = pattern.slice(slash + 1);
  const dirs = hasGlobMeta(dirPattern) ? await globRelative(root, dirPattern) : [dirPattern];
  const out: string[] = [];
  for (const dir of dirs) {
    if (!(await isDirectory(join(root, dir)))) continue;
    const names = (await readdir(join(root, dir))).sort();
    for (const name of names) {
      if (goMatch(filePattern, name)) out.push(dir === "." ? name : `${dir}/${name}`);
    }
  }
  return out;
}
