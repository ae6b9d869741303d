/**
 * `.dockerignore` exactly as Docker reads and applies it (moby `patternmatcher` and `patternmatcher/ignorefile`):
 * `#` comment lines, trimmed and cleaned patterns with a leading `/` dropped, `*`/`?`/`[…]` within one path
 * segment, `**` across segments, `!` exceptions where the last matching pattern wins, and a pattern that matches a
 * directory also excluding everything below it.
 */
import { posix } from "node:path";
import { BadPatternError, checkGoPattern } from "./go-match.js";

/** Go's `path.Clean`: `.` for empty, no `.` segments, `..` resolved lexically, no trailing slash. */
export function cleanPath(path: string): string {
  if (path === "") return ".";
  const normal = posix.normalize(path);
  return normal.length > 1 && normal.endsWith("/") ? normal.slice(0, -1) : normal;
}

/** Reads the patterns of a `.dockerignore` file (moby's `ignorefile.ReadAll`). */
export function parseDockerignore(text: string): string[] {
  const patterns: string[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (const line of lines) {
    if (line.startsWith("#")) continue;
    let pattern = line.trim();
    if (pattern === "") continue;
    const invert = pattern.startsWith("!");
    if (invert) pattern = pattern.slice(1).trim();
    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith("/")) pattern = pattern.slice(1);
    }
    patterns.push(invert ? `!${pattern}` : pattern);
  }
  return patterns;
}

const REGEXP_SPECIALS = new Set([".", "+", "(", ")", "|", "{", "}", "$"]);

type Matcher =
  | { readonly kind: "exact"; readonly text: string }
  | { readonly kind: "prefix"; readonly text: string }
  | { readonly kind: "suffix"; readonly text: string }
  | { readonly kind: "regexp"; readonly regexp: RegExp };

function toRegExp(source: string, pattern: string): RegExp {
  try {
    return new RegExp(source, "u");
  } catch {
    try {
      return new RegExp(source);
    } catch {
      throw new BadPatternError(pattern); // Go's regexp rejects these too, when the pattern is first used
    }
  }
}

/**
 * Compiles a cleaned pattern the way patternmatcher does: exact, prefix (trailing `**`), suffix (leading `**`)
 * or regexp.
 */
function compile(pattern: string): Matcher {
  const chars = Array.from(pattern);
  let regexp = "^";
  let kind: Matcher["kind"] = "exact";
  for (let i = 0, step = 0; i < chars.length; i++, step++) {
    const c = chars[i] ?? "";
    if (c === "*" && chars[i + 1] === "*") {
      i++;
      if (chars[i + 1] === "/") i++;
      if (i + 1 >= chars.length) {
        if (kind === "exact") kind = "prefix";
        else {
          regexp += ".*";
          kind = "regexp";
        }
      } else {
        regexp += "(.*/)?";
        kind = "regexp";
      }
      if (step === 0) kind = "suffix";
    } else if (c === "*") {
      regexp += "[^/]*";
      kind = "regexp";
    } else if (c === "?") {
      regexp += "[^/]";
      kind = "regexp";
    } else if (REGEXP_SPECIALS.has(c)) {
      regexp += `\\${c}`;
    } else if (c === "\\") {
      const next = chars[i + 1];
      if (next === undefined) regexp += "\\\\";
      else {
        regexp += `\\${next}`;
        i++;
        kind = "regexp";
      }
    } else if (c === "[" || c === "]") {
      regexp += c;
      kind = "regexp";
    } else {
      regexp += c;
    }
  }
  switch (kind) {
    case "exact":
      return { kind, text: pattern };
    case "prefix":
      return { kind, text: pattern.slice(0, -2) };
    case "suffix":
      return { kind, text: pattern.slice(2) };
    case "regexp":
      return { kind, regexp: toRegExp(`${regexp}$`, pattern) };
  }
}

/** One `.dockerignore` line, compiled. */
export interface IgnorePattern {
  /** The cleaned pattern, without the `!`. */
  readonly text: string;
  /** A `!` line: re-includes what earlier lines excluded. */
  readonly exclusion: boolean;
  matches(path: string): boolean;
}

function makePattern(text: string, exclusion: boolean): IgnorePattern {
  const matcher = compile(text);
  return {
    text,
    exclusion,
    matches(path) {
      switch (matcher.kind) {
        case "exact":
          return path === matcher.text;
        case "prefix":
          return path.startsWith(matcher.text);
        case "suffix":
          return (
            path.endsWith(matcher.text) || (matcher.text.startsWith("/") && path === matcher.text.slice(1))
          );
        case "regexp":
          return matcher.regexp.test(path);
      }
    },
  };
}

/** Per-pattern results for a directory, handed to its children (moby's `MatchInfo`). */
export type ParentMatches = readonly boolean[];

/** The parent directories of a slash path, shortest first: `a/b/c` → `a`, `a/b`. */
function parentPrefixes(path: string): string[] {
  const parts = path.split("/").slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}

/** A compiled `.dockerignore` (moby's `PatternMatcher`). Paths are slash-separated and relative to the context. */
export class IgnoreMatcher {
  readonly patterns: readonly IgnorePattern[];
  readonly hasExclusions: boolean;

  /** Throws BadPatternError for a malformed pattern, and for a bare `!`. */
  constructor(patterns: readonly string[]) {
    const compiled: IgnorePattern[] = [];
    for (const raw of patterns) {
      let text = raw.trim();
      if (text === "") continue;
      text = cleanPath(text);
      const exclusion = text.startsWith("!");
      if (exclusion) {
        if (text.length === 1) throw new BadPatternError("!");
        text = text.slice(1);
      }
      checkGoPattern(text);
      compiled.push(makePattern(text, exclusion));
    }
    this.patterns = compiled;
    this.hasExclusions = compiled.some((p) => p.exclusion);
  }

  /** Whether the path, or one of its parent directories, is excluded (moby's `MatchesOrParentMatches`). */
  matchesOrParentMatches(path: string): boolean {
    const file = cleanPath(path);
    const parents = parentPrefixes(file);
    let matched = false;
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      const match = pattern.matches(file) || parents.some((parent) => pattern.matches(parent));
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }

  /**
   * The walker's form (moby's `MatchesUsingParentResults`): whether `path` is excluded, given the results of its
   * parent directory (undefined at the top), and the results to hand to the path's own children.
   */
  matchesWithParent(path: string, parent: ParentMatches | undefined): [boolean, ParentMatches] {
    const results: boolean[] = [];
    let matched = false;
    this.patterns.forEach((pattern, i) => {
      let match = parent?.[i] ?? false;
      if (!match) {
        if (pattern.exclusion !== matched) {
          results.push(false);
          return;
        }
        match = pattern.matches(path);
        if (!match && parent === undefined) match = parentPrefixes(path).some((p) => pattern.matches(p));
      }
      results.push(match);
      if (match) matched = !pattern.exclusion;
    });
    return [matched, results];
  }

  /** Whether an excluded directory can be skipped whole: no `!` pattern names something inside it. */
  canSkipDirectory(dir: string): boolean {
    if (!this.hasExclusions) return true;
    const prefix = `${dir}/`;
    return !this.patterns.some((p) => p.exclusion && `${p.text}/`.startsWith(prefix));
  }
}
