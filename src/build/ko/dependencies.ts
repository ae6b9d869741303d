/**
 * The files a ko artifact depends on, as Skaffold lists them (`list.Files`): every file matched by the
 * `dependencies.paths` globs (default `**\/*.go`), a matched directory counting for all files below it,
 * minus those matched by `dependencies.ignore` (an ignored directory is not entered). A pattern that
 * matches nothing is an error, as in Skaffold.
 */
import { readdir } from "node:fs/promises";
import { join, posix, resolve } from "node:path";
import { userError } from "../../errors/errors.js";
import { globToRegExp } from "./glob.js";

/** The `dependencies` of a ko artifact. */
export interface KoDependencyPatterns {
  readonly paths?: readonly string[];
  readonly ignore?: readonly string[];
}

export const DEFAULT_KO_DEPENDENCIES = ["**/*.go"] as const;

interface Tree {
  readonly files: string[];
  readonly dirs: string[];
}

async function walk(root: string, ignore: readonly RegExp[]): Promise<Tree> {
  const tree: Tree = { files: [], dirs: [] };
  const visit = async (relative: string): Promise<void> => {
    const entries = await readdir(join(root, relative), { withFileTypes: true });
    for (const entry of entries) {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (ignore.some((re) => re.test(path))) continue;
      if (entry.isDirectory()) {
        tree.dirs.push(path);
        await visit(path);
      } else if (entry.isFile() || entry.isSymbolicLink()) tree.files.push(path);
    }
  };
  await visit("");
  return tree;
}

/** Absolute paths of the dependency files of an artifact whose context is `workspace`, sorted. */
export async function listKoDependencies(
  workspace: string,
  patterns: KoDependencyPatterns = {},
): Promise<string[]> {
  const root = resolve(workspace);
  const paths = patterns.paths ?? (patterns.ignore === undefined ? DEFAULT_KO_DEPENDENCIES : []);
  const tree = await walk(
    root,
    (patterns.ignore ?? []).map((p) => globToRegExp(posix.normalize(p))),
  );
  const found = new Set<string>();
  for (const pattern of paths) {
    const normal = posix.normalize(pattern).replace(/^\.\//, "").replace(/\/+$/, "");
    let matched = false;
    if (normal === "." || normal === "") {
      matched = true;
      for (const file of tree.files) found.add(file);
    } else {
      const re = globToRegExp(normal);
      for (const file of tree.files.filter((f) => re.test(f))) {
        matched = true;
        found.add(file);
      }
      for (const dir of tree.dirs.filter((d) => re.test(d))) {
        matched = true;
        for (const file of tree.files) if (file.startsWith(`${dir}/`)) found.add(file);
      }
    }
    if (!matched) {
      throw userError(
        "KO_DEPENDENCY_NO_MATCH",
        `ko dependency pattern "${pattern}" did not match any file in ${root}`,
        "Fix the pattern under ko.dependencies.paths, or remove it.",
      );
    }
  }
  return [...found].sort().map((file) => join(root, file));
}
