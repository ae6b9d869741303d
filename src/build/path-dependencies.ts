/**
 * The files an artifact depends on when its builder lists them by globs, as Skaffold's `list.Files` does for
 * ko, custom and buildpacks artifacts: every file matched by a `paths` glob, a matched directory counting for
 * all files below it, minus those matched by an `ignore` glob (an ignored directory is not entered). A pattern
 * that matches nothing is an error, as in Skaffold.
 */
import { readdir } from "node:fs/promises";
import { join, posix, resolve } from "node:path";
import { userError } from "../errors/errors.js";
import { globToRegExp } from "./glob.js";

/** The `dependencies.paths` and `dependencies.ignore` of an artifact, defaults already applied. */
export interface PathDependencies {
  readonly paths: readonly string[];
  readonly ignore?: readonly string[];
}

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

/**
 * Absolute paths, sorted, of the files under `workspace` that `dependencies` selects. `field` names the
 * config field in the error for a pattern that matches nothing (e.g. `ko.dependencies.paths`).
 */
export async function listPathDependencies(
  workspace: string,
  dependencies: PathDependencies,
  field = "dependencies.paths",
): Promise<string[]> {
  const root = resolve(workspace);
  const tree = await walk(
    root,
    (dependencies.ignore ?? []).map((p) => globToRegExp(posix.normalize(p))),
  );
  const found = new Set<string>();
  for (const pattern of dependencies.paths) {
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
        "DEPENDENCY_NO_MATCH",
        `dependency pattern "${pattern}" did not match any file in ${root}`,
        `Fix the pattern under ${field}, or remove it.`,
      );
    }
  }
  return [...found].sort().map((file) => join(root, file));
}
