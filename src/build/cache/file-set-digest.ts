import { createHash } from "node:crypto";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { FileDigestSource } from "./file-hashes.js";

/** Makes paths relative to `workspace`, with `/` separators (so digests match across operating systems). */
function relativeTo(workspace: string): (path: string) => string {
  const prefix = workspace.endsWith(sep) ? workspace : workspace + sep;
  return (path) => {
    if (sep === "/" && path.startsWith(prefix)) return path.slice(prefix.length);
    const rel = relative(workspace, isAbsolute(path) ? path : resolve(workspace, path));
    return sep === "/" ? rel : rel.split(sep).join("/");
  };
}

/** A path relative to `workspace`, with `/` separators. */
export function workspaceRelative(workspace: string, path: string): string {
  return relativeTo(workspace)(path);
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
  const absolute = files.map((file) => (isAbsolute(file) ? file : resolve(workspace, file)));
  // One entry per existing file, whatever the repetitions in `files`.
  const digests = await source.digests(absolute);
  const rel = relativeTo(workspace);
  const octal = new Map<number, string>();
  const rows: string[] = [];
  for (const [path, d] of digests) {
    let mode = octal.get(d.mode);
    if (mode === undefined) octal.set(d.mode, (mode = d.mode.toString(8)));
    rows.push(rel(path) + "\0" + d.kind + "\0" + mode + "\0" + d.digest + "\n");
  }
  rows.sort();
  return createHash("sha256").update(rows.join("")).digest("hex");
}
