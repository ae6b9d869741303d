/**
 * The app source as the lifecycle sees it in `/workspace`: every file of the artifact's context, filtered
 * by the project descriptor's `include` or `exclude` (gitignore-style: a pattern without `/` matches at any
 * depth, a leading `/` anchors it to the context, a trailing `/` matches directories, `**` spans
 * directories), owned by the builder's CNB user.
 */
import { lstat, readdir, readlink } from "node:fs/promises";
import { join } from "node:path";
import { globToRegExp } from "../glob.js";
import type { TarEntry } from "../../util/tar.js";

/** Compiled include/exclude patterns. */
export interface AppFilter {
  /** Whether the path (relative, `/`-separated) is part of the app. */
  readonly keeps: (path: string, isDir: boolean) => boolean;
}

function compile(pattern: string): { re: RegExp; dirOnly: boolean } {
  let p = pattern.trim();
  const dirOnly = p.endsWith("/");
  p = p.replace(/\/+$/, "");
  const anchored = p.startsWith("/") || p.replace(/^\//, "").includes("/");
  p = p.replace(/^\/+/, "");
  return { re: globToRegExp(anchored ? p : `**/${p}`), dirOnly };
}

/** Builds the filter; `include` wins when both are given (the descriptor reader refuses that). */
export function appFilter(include: readonly string[], exclude: readonly string[]): AppFilter {
  const patterns = (include.length > 0 ? include : exclude)
    .filter((p) => p.trim() !== "" && !p.trim().startsWith("#"))
    .map(compile);
  const matches = (path: string, isDir: boolean): boolean => {
    // A path matches when it or one of its parent directories matches.
    const parts = path.split("/");
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join("/");
      const prefixIsDir = i < parts.length || isDir;
      if (patterns.some((p) => p.re.test(prefix) && (!p.dirOnly || prefixIsDir))) return true;
    }
    return false;
  };
  if (include.length > 0) {
    return {
      // Directories are walked (something below may be included); files must match.
      keeps: (path, isDir) => isDir || matches(path, false),
    };
  }
  return { keeps: (path, isDir) => !matches(path, isDir) };
}

/** Tar entries of the app under `workspace/`, owned by uid:gid, in a stable order. */
export async function appTarEntries(
  root: string,
  filter: AppFilter,
  owner: { readonly uid: number; readonly gid: number },
): Promise<TarEntry[]> {
  const meta = { uid: owner.uid, gid: owner.gid };
  const entries: TarEntry[] = [{ type: "dir", path: "workspace", mode: 0o755, meta }];
  const visit = async (relative: string): Promise<void> => {
    const names = (await readdir(join(root, relative))).sort();
    for (const name of names) {
      const path = relative === "" ? name : `${relative}/${name}`;
      const full = join(root, path);
      const stat = await lstat(full);
      if (!filter.keeps(path, stat.isDirectory())) continue;
      const target = `workspace/${path}`;
      const mtime = Math.floor(stat.mtimeMs / 1000);
      if (stat.isDirectory()) {
        entries.push({ type: "dir", path: target, mode: stat.mode & 0o7777, meta: { ...meta, mtime } });
        await visit(path);
      } else if (stat.isSymbolicLink()) {
        entries.push({
          type: "symlink",
          path: target,
          target: await readlink(full),
          meta: { ...meta, mtime },
        });
      } else if (stat.isFile()) {
        entries.push({
          type: "file",
          path: target,
          mode: stat.mode & 0o7777,
          size: stat.size,
          source: { file: full },
          meta: { ...meta, mtime },
        });
      }
    }
  };
  await visit("");
  return entries;
}
