import { createHash } from "node:crypto";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { FileDigestSource } from "./file-hashes.js";

/** A path relative to `workspace`, with `/` separators (so digests match across operating systems). */
export function workspaceRelative(workspace: string, path: string): string {
  const prefix = workspace.endsWith(sep) ? workspace : workspace + sep;
  if (sep === "/" && path.startsWith(prefix)) return path.slice(prefix.length);
  const rel = relative(workspace, isAbsolute(path) ? path : resolve(workspace, path));
  return sep === "/" ? rel : rel.split(sep).join("/");
}

/**
 * The hex SHA-256 of a set of files: for each existing file, in order of its path relative to `workspace`, that
 * path, its kind, its permission bits and its content digest. Missing files are skipped (as in Skaffold), so
 * the digest does not depend on where the workspace lives, nor on the order or repetition of `files`.
 */
export async function fileSetDigest(
  workspace: string,
  files: readonly string[],
  source: FileDigestSource,
): Promise<string> {
  const absolute = [...new Set(files.map((f) => (isAbsolute(f) ? f : resolve(workspace, f))))];
  const digests = await source.digests(absolute);
  const rows: string[] = [];
  for (const path of absolute) {
    const d = digests.get(path);
    if (d !== undefined)
      rows.push(`${workspaceRelative(workspace, path)}\0${d.kind}\0${d.mode.toString(8)}\0${d.digest}\n`);
  }
  rows.sort();
  const hash = createHash("sha256");
  for (const row of rows) hash.update(row);
  return hash.digest("hex");
}
