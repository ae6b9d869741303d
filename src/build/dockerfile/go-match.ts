/**
 * Go's `path.Match` (what `filepath.Match` does with `/` separators): `*` and `?` never cross `/`, `[…]` classes
 * with ranges and `^` negation, `\` escapes. Docker validates `.dockerignore` patterns with it and expands
 * `COPY`/`ADD` wildcards with it. A malformed pattern throws `BadPatternError`, as Go returns `ErrBadPattern`.
 */

/** The pattern is malformed (Go's `filepath.ErrBadPattern`). */
export class BadPatternError extends Error {
  constructor(readonly pattern: string) {
    super(`syntax error in pattern ${JSON.stringify(pattern)}`);
    this.name = "BadPatternError";
  }
}

type Chars = readonly string[];

interface Chunk {
  readonly star: boolean;
  readonly chunk: Chars;
  readonly rest: Chars;
}

/** Splits off the leading stars and the text up to the next star outside a class. */
function scanChunk(pattern: Chars): Chunk {
  let start = 0;
  while (pattern[start] === "*") start++;
  let inRange = false;
  let i = start;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "[") inRange = true;
    else if (c === "]") inRange = false;
    else if (c === "*" && !inRange) break;
  }
  return { star: start > 0, chunk: pattern.slice(start, i), rest: pattern.slice(i) };
}

/** One class bound (`a`, or `\]`), and the rest of the chunk; throws on a malformed class. */
function classChar(chunk: Chars, pattern: string): [string, Chars] {
  let at = 0;
  const first = chunk[0];
  if (first === undefined || first === "-" || first === "]") throw new BadPatternError(pattern);
  if (first === "\\") at = 1;
  const c = chunk[at];
  const rest = chunk.slice(at + 1);
  if (c === undefined || rest.length === 0) throw new BadPatternError(pattern);
  return [c, rest];
}

/** Matches `[...]` at the start of `chunk` (after the `[`) against `c`; returns the rest and whether it matched. */
function matchClass(chunk: Chars, c: string | undefined, pattern: string): [Chars, boolean] {
  let rest = chunk;
  const negated = rest[0] === "^";
  if (negated) rest = rest.slice(1);
  let matched = false;
  for (let ranges = 0; ; ranges++) {
    if (rest[0] === "]" && ranges > 0) return [rest.slice(1), matched !== negated];
    let lo: string;
    [lo, rest] = classChar(rest, pattern);
    let hi = lo;
    if (rest[0] === "-") [hi, rest] = classChar(rest.slice(1), pattern);
    if (c !== undefined && (c.codePointAt(0) ?? 0) >= (lo.codePointAt(0) ?? 0)) {
      if ((c.codePointAt(0) ?? 0) <= (hi.codePointAt(0) ?? 0)) matched = true;
    }
  }
}

/** Matches a star-free chunk at the start of `s`; returns what is left of `s`, or undefined. */
function matchChunk(chunk: Chars, s: Chars, pattern: string): Chars | undefined {
  let failed = false;
  let rest = s;
  let c = chunk;
  while (c.length > 0) {
    if (!failed && rest.length === 0) failed = true;
    const head = c[0];
    if (head === "[") {
      const ch = failed ? undefined : rest[0];
      if (!failed) rest = rest.slice(1);
      const [after, ok] = matchClass(c.slice(1), ch, pattern);
      c = after;
      if (!ok) failed = true;
    } else if (head === "?") {
      if (!failed) {
        if (rest[0] === "/") failed = true;
        rest = rest.slice(1);
      }
      c = c.slice(1);
    } else {
      if (head === "\\") {
        c = c.slice(1);
        if (c.length === 0) throw new BadPatternError(pattern);
      }
      if (!failed) {
        if (c[0] !== rest[0]) failed = true;
        rest = rest.slice(1);
      }
      c = c.slice(1);
    }
  }
  return failed ? undefined : rest;
}

/** Throws when any remaining chunk of the pattern is malformed (Go checks the rest before answering false). */
function checkRest(pattern: Chars, text: string): void {
  let rest = pattern;
  while (rest.length > 0) {
    const next = scanChunk(rest);
    rest = next.rest;
    matchChunk(next.chunk, [], text);
  }
}

/** Reports whether `name` matches the shell pattern, as Go's `path.Match`. */
export function goMatch(pattern: string, name: string): boolean {
  let p: Chars = Array.from(pattern);
  let n: Chars = Array.from(name);
  outer: while (p.length > 0) {
    const { star, chunk, rest } = scanChunk(p);
    p = rest;
    if (star && chunk.length === 0) return !n.includes("/");
    const t = matchChunk(chunk, n, pattern);
    if (t !== undefined && (t.length === 0 || p.length > 0)) {
      n = t;
      continue;
    }
    if (star) {
      for (let i = 0; i < n.length && n[i] !== "/"; i++) {
        const after = matchChunk(chunk, n.slice(i + 1), pattern);
        if (after !== undefined) {
          if (p.length === 0 && after.length > 0) continue;
          n = after;
          continue outer;
        }
      }
    }
    checkRest(p, pattern);
    return false;
  }
  return n.length === 0;
}

/** Throws BadPatternError when Go would reject the pattern. */
export function checkGoPattern(pattern: string): void {
  goMatch(pattern, ".");
}

/** Whether the text has glob metacharacters (Go's `hasMeta`). */
export function hasGlobMeta(text: string): boolean {
  return /[*?[\\]/.test(text);
}
