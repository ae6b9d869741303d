// POSIX-shell word splitting (for `sh -c` scripts and buildpacks script processes) and the matching
// re-quoting. Splitting does no expansion of any kind: `$VAR`, globs and braces stay literal.

const SEPARATORS = new Set([" ", "\t", "\n"]);
/** Characters a backslash escapes inside double quotes; before anything else the backslash is kept. */
const ESCAPABLE_IN_DOUBLE_QUOTES = new Set(["$", "`", '"', "\\", "\n"]);

/**
 * Splits a command line into words as `/bin/sh` would (quotes, backslash escapes, line continuations), or
 * returns undefined when a quote or an escape is left unterminated.
 */
export function shSplit(line: string): string[] | undefined {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line.charAt(i);
    if (SEPARATORS.has(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      i++;
      continue;
    }
    if (c === "\\") {
      if (i + 1 >= line.length) return undefined;
      const next = line.charAt(i + 1);
      if (next !== "\n") {
        word += next;
        inWord = true;
      }
      i += 2;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word += line.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      const quoted = readDoubleQuoted(line, i + 1);
      if (quoted === undefined) return undefined;
      word += quoted.text;
      i = quoted.next;
      continue;
    }
    word += c;
    i++;
  }
  if (inWord) words.push(word);
  return words;
}

function readDoubleQuoted(line: string, start: number): { text: string; next: number } | undefined {
  let text = "";
  let i = start;
  while (i < line.length) {
    const c = line.charAt(i);
    if (c === '"') return { text, next: i + 1 };
    if (c === "\\" && i + 1 < line.length && ESCAPABLE_IN_DOUBLE_QUOTES.has(line.charAt(i + 1))) {
      const next = line.charAt(i + 1);
      if (next !== "\n") text += next;
      i += 2;
      continue;
    }
    text += c;
    i++;
  }
  return undefined;
}

/** Characters that make shJoin wrap an argument in double quotes. */
const NEEDS_QUOTES = /[ \t\r\n"'()[\]{}]/;

/**
 * Joins arguments into one `sh -c` script the way Skaffold does: an argument containing whitespace, quotes,
 * parentheses, brackets or braces is wrapped in double quotes (inner `"` escaped); `$` is left alone so that
 * variable references still expand.
 */
export function shJoin(args: readonly string[]): string {
  return args.map((arg) => (NEEDS_QUOTES.test(arg) ? `"${arg.replaceAll('"', '\\"')}"` : arg)).join(" ");
}
