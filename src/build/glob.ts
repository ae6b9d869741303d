/**
 * Glob patterns as Skaffold matches dependency paths (bmatcuk/doublestar): `**` spans any number of
 * directories (zero included), `*` and `?` stay within one path segment, `[a-z]`/`[!a-z]` classes,
 * `{a,b}` alternatives and `\` escapes. Dotfiles are not special. Paths use `/`.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Index of the `}` closing the `{` at `open`, honouring nesting and escapes; -1 when unclosed. */
function closingBrace(pattern: string, open: number): number {
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return -1;
}

/** Splits the inside of `{…}` on its top-level commas. */
function alternatives(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (c === "," && depth === 0) {
      out.push(body.slice(start, i));
      start = i + 1;
    }
  }
  out.push(body.slice(start));
  return out;
}

function translate(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === "*" && pattern.charAt(i + 1) === "*") {
      const atStart = i === 0 || pattern.charAt(i - 1) === "/";
      const next = pattern.charAt(i + 2);
      if (atStart && next === "/") {
        out += "(?:.*/)?";
        i += 2;
      } else if (atStart && next === "") {
        out += ".*";
        i += 1;
      } else {
        out += "[^/]*";
        i += 1;
      }
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "\\" && i + 1 < pattern.length) out += escapeRegExp(pattern.charAt(++i));
    else if (c === "[" && pattern.indexOf("]", i + 2) !== -1) {
      const end = pattern.indexOf("]", i + 2);
      const body = pattern.slice(i + 1, end).replace(/\\/g, "\\\\");
      out += body.startsWith("!") || body.startsWith("^") ? `[^/${body.slice(1)}]` : `[${body}]`;
      i = end;
    } else if (c === "{" && closingBrace(pattern, i) !== -1) {
      const end = closingBrace(pattern, i);
      out += `(?:${alternatives(pattern.slice(i + 1, end))
        .map(translate)
        .join("|")})`;
      i = end;
    } else out += escapeRegExp(c);
  }
  return out;
}

/** Compiles a glob into a RegExp over whole `/`-separated relative paths. */
export function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${translate(pattern)}$`);
}

/** True when the relative path matches the glob. */
export function globMatch(pattern: string, path: string): boolean {
  return globToRegExp(pattern).test(path);
}
