/**
 * The watcher's ignore rules, applied before any other work: VCS directories, editor temporary files, and
 * gitignore-style pattern files (`.trestleignore`, `.gitignore`) compiled once.
 */
import { basename, posix, relative, sep } from "node:path";
import { globMatch } from "../build/glob.js";

/** Directories of version-control systems: never watched. */
export const VCS_DIRS: readonly string[] = [".git", ".hg", ".svn", ".jj", ".bzr"];

/** Temporary files editors write while saving (vim swap files and its `4913` probe, emacs locks, backups). */
export function isEditorTemp(path: string): boolean {
  const name = basename(path);
  return (
    name.endsWith("~") ||
    name.startsWith(".#") ||
    /\.sw[a-px]$/.test(name) ||
    name === "4913" ||
    /^#.*#$/.test(name) ||
    name.endsWith(".kate-swp") ||
    /\.tmp\.\d+\.\d+$/.test(name)
  );
}

/** Whether a path lies in a VCS directory (or is one). */
export function inVcsDir(path: string): boolean {
  return path.split(sep).some((part) => VCS_DIRS.includes(part));
}

interface CompiledPattern {
  readonly glob: string;
  readonly negated: boolean;
  readonly dirOnly: boolean;
}

/** One gitignore-style file: `#` comments, `!` negation, trailing `/` for directories, leading `/` anchors. */
export class PatternFile {
  private readonly patterns: readonly CompiledPattern[];

  /** `dir` is the directory the file lives in; patterns are relative to it. */
  constructor(
    readonly dir: string,
    text: string,
  ) {
    const out: CompiledPattern[] = [];
    for (const raw of text.split(/\r?\n/)) {
      let line = raw.replace(/\s+$/, "");
      if (line === "" || line.startsWith("#")) continue;
      const negated = line.startsWith("!");
      if (negated) line = line.slice(1);
      const dirOnly = line.endsWith("/");
      if (dirOnly) line = line.replace(/\/+$/, "");
      const anchored = line.includes("/");
      line = line.replace(/^\//, "");
      if (line === "") continue;
      out.push({ glob: anchored ? line : `**/${line}`, negated, dirOnly });
    }
    this.patterns = out;
  }

  /** The literal (glob-free, non-negated) directory names the file excludes, relative to its directory. */
  literalDirs(): string[] {
    return this.patterns
      .filter((p) => !p.negated && !/[*?[\]{}\\]/.test(p.glob.replace(/^\*\*\//, "")))
      .map((p) => p.glob.replace(/^\*\*\//, ""));
  }

  /** Whether an absolute path (a file unless `isDir`), or one of its parent directories, is excluded. */
  excludes(path: string, isDir = false): boolean {
    const rel = relative(this.dir, path).split(sep).join("/");
    if (rel === "" || rel.startsWith("..")) return false;
    const parts = rel.split("/");
    let excluded = false;
    for (let depth = 1; depth <= parts.length; depth++) {
      const prefix = parts.slice(0, depth).join("/");
      const prefixIsDir = depth < parts.length || isDir;
      let match = false;
      for (const pattern of this.patterns) {
        if (pattern.dirOnly && !prefixIsDir) continue;
        if (globMatch(pattern.glob, prefix)) match = !pattern.negated;
        else continue;
      }
      // a parent that is excluded excludes everything below it (git does not re-include inside it)
      if (match && depth < parts.length) return true;
      excluded = match;
    }
    return excluded;
  }
}

/** Joins a relative pattern directory to its base, `/` separated. */
export function under(base: string, rel: string): string {
  return posix.join(base.split(sep).join("/"), rel);
}
