/**
 * The watcher's ignore rules for a project: directories no artifact can read (named in a `.gitignore`,
 * `.dockerignore` or `.trestleignore` of a watched root or artifact context, excluded by every artifact whose
 * context holds them, and holding no deploy input) are never watched; VCS directories, editor temporary files
 * and `.trestleignore` patterns are dropped per event.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { inVcsDir, isEditorTemp, PatternFile, VCS_DIRS } from "../watch/ignore.js";
import type { IgnoreRules } from "../watch/types.js";

/** What the rules need to know about the project. */
export interface IgnoreInputs {
  /** Watched roots and artifact contexts (absolute directories). */
  readonly dirs: readonly string[];
  /** Whether an artifact may read something under the directory. */
  mayContainInputs(dir: string): boolean;
  /** Deploy inputs and config files: their directories stay watched. */
  readonly keep: readonly string[];
}

function read(path: string): string | undefined {
  try {
    return existsSync(path) ? readFileSync(path, "utf8") : undefined;
  } catch {
    return undefined;
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Computes the ignore rules once, at start (and again on reload). */
export function projectIgnoreRules(inputs: IgnoreInputs): IgnoreRules {
  const trestle: PatternFile[] = [];
  const candidates = new Set<string>();
  for (const dir of new Set(inputs.dirs)) {
    for (const vcs of VCS_DIRS) if (isDir(join(dir, vcs))) candidates.add(join(dir, vcs));
    const own = read(join(dir, ".trestleignore"));
    if (own !== undefined) trestle.push(new PatternFile(dir, own));
    for (const name of [".gitignore", ".dockerignore", ".trestleignore"]) {
      const text = read(join(dir, name));
      if (text === undefined) continue;
      const file = new PatternFile(dir, name === ".dockerignore" ? text.replace(/^\/+/gm, "/") : text);
      for (const literal of file.literalDirs()) candidates.add(join(dir, literal));
    }
  }
  const ignoredDirs = [...candidates].filter(
    (dir) =>
      isDir(dir) &&
      (inVcsDir(dir) || !inputs.mayContainInputs(dir)) &&
      !inputs.keep.some((k) => k.startsWith(`${dir}/`)),
  );
  return {
    ignoredDirs,
    ignores: (path) => isEditorTemp(path) || inVcsDir(path) || trestle.some((t) => t.excludes(path)),
  };
}
