/** Go `strconv` quoting (`Quote`, `QuoteToASCII`, `QuoteRune`) and `%U` rune formatting. */

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(cp: number): boolean {
  return cp === 0x20 || (cp >= 0 && cp <= 0x10ffff && PRINTABLE.test(String.fromCodePoint(cp)));
}

const SHORT_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x07, "\\a"],
  [0x08, "\\b"],
  [0x0c, "\\f"],
  [0x0a, "\\n"],
  [0x0d, "\\r"],
  [0x09, "\\t"],
  [0x0b, "\\v"],
]);

const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0");

function escapeRune(cp: number, quote: string, asciiOnly: boolean): string {
  const ch = String.fromCodePoint(cp);
  if (ch === quote || ch === "\\") return `\\${ch}`;
  if (asciiOnly ? cp < 0x80 && isPrint(cp) : isPrint(cp)) return ch;
  const short = SHORT_ESCAPES.get(cp);
  if (short !== undefined) return short;
  if (cp < 0x20 || cp === 0x7f) return `\\x${hex(cp, 2)}`;
  const valid = cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
  const r = valid ? cp : 0xfffd;
  return r < 0x10000 ? `\\u${hex(r, 4)}` : `\\U${hex(r, 8)}`;
}

/** `strconv.Quote` (or `QuoteToASCII` when `asciiOnly`). */
export function goQuote(s: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0) ?? 0, '"', asciiOnly);
  return `${out}"`;
}

/** `strconv.QuoteRune`. */
export function goQuoteRune(cp: number, asciiOnly = false): string {
  const r = cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp;
  return `'${escapeRune(r, "'", asciiOnly)}'`;
}

/** `strconv.CanBackquote`: no control characters (other than tab) and no backquote. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === "`" || cp === 0x7f || cp === 0xfeff || (cp < 0x20 && ch !== "\t")) return false;
  }
  return true;
}

/** `fmt`'s `%U` / `%#U` rendering, e.g. `U+0023 '#'`. */
export function formatRuneU(cp: number, withChar = true): string {
  const base = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  return withChar && isPrint(cp) ? `${base} '${String.fromCodePoint(cp)}'` : base;
}
