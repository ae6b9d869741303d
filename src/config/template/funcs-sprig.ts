/** Sprig v2 string functions (Skaffold pins github.com/Masterminds/sprig v2.22.0). */
import { formatValue } from "./format.js";
import { FuncError, fn, fnv } from "./funcs.js";
import type { FuncDef, FuncTable } from "./funcs.js";
import { goQuote } from "./quote.js";
import { GoList, GoMap, byteLength, byteSlice, strList } from "./values.js";
import type { Value } from "./values.js";

/** Characters of Go's `unicode.IsSpace`. */
const GO_SPACE = "\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";
const SPACE_RE = new RegExp(`[${GO_SPACE}]`, "gu");
const EDGE_SPACE_RE = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, "gu");
const ONE_SPACE_RE = new RegExp(`^[${GO_SPACE}]$`, "u");
const isGoSpace = (ch: string): boolean => ONE_SPACE_RE.test(ch);

/** Go's `strings.TrimSpace`. */
export const trimSpace = (s: string): string => s.replace(EDGE_SPACE_RE, "");

/** Sprig's `strval`: strings as is, Stringers via String(), everything else via `%v`. */
export const strval = (v: Value): string => (typeof v === "string" ? v : formatValue(v));

/** Go's per-rune case mapping (no multi-character expansions such as ß → SS). */
function mapRunes(s: string, f: (ch: string) => string): string {
  return Array.from(s)
    .map((ch) => (f(ch).length === ch.length ? f(ch) : ch))
    .join("");
}

/** Go `s[start:end]` on bytes, panicking with Go's runtime message when out of range. */
export function goSlice(s: string, start: number, end?: number): string {
  const len = byteLength(s);
  const e = end ?? len;
  if (e < 0 || e > len) {
    const bounds = end === undefined ? `${start}:${len}` : `:${e}`;
    throw new FuncError(
      `runtime error: slice bounds out of range [${bounds}]${e > len ? ` with length ${len}` : ""}`,
    );
  }
  if (start < 0 || start > e) {
    throw new FuncError(`runtime error: slice bounds out of range [${start}:${start < 0 ? "" : e}]`);
  }
  return byteSlice(s, start, e);
}

function repeat(s: string, count: number): string {
  if (count < 0) throw new FuncError("strings: negative Repeat count");
  return s.repeat(count);
}

/** Go's `strings.Title`: upper-cases the first letter of each word. */
function title(s: string): string {
  let prev = " ";
  return Array.from(s)
    .map((ch) => {
      const sep = prev.charCodeAt(0) < 0x80 ? !/[A-Za-z0-9_]/.test(prev) : isGoSpace(prev);
      prev = ch;
      return sep ? mapRunes(ch, (c) => c.toUpperCase()) : ch;
    })
    .join("");
}

/** Go's `strings.Trim` family with a cutset of runes. */
function trimCutset(s: string, cutset: string, left: boolean, right: boolean): string {
  const set = new Set(cutset);
  const runes = Array.from(s);
  let a = 0;
  let b = runes.length;
  while (left && a < b && set.has(runes[a] ?? "")) a++;
  while (right && b > a && set.has(runes[b - 1] ?? "")) b--;
  return runes.slice(a, b).join("");
}

/** Go's `strings.SplitN` (n < 0: all parts; n = 0: none); an empty separator splits into runes. */
export function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  const parts = sep === "" ? Array.from(s) : s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  const head = parts.slice(0, n - 1);
  const joinedRest = sep === "" ? parts.slice(n - 1).join("") : parts.slice(n - 1).join(sep);
  return [...head, joinedRest];
}

const indexedMap = (parts: readonly string[]): GoMap =>
  new GoMap("string", new Map(parts.map((p, i) => [`_${i}`, p])));

/** Sprig's `strslice`: a list's non-nil elements as strings; a scalar becomes a one-element list. */
export function strslice(v: Value): string[] {
  if (v === null) return [];
  if (v instanceof GoList) return v.items.filter((x) => x !== null).map(strval);
  return [strval(v)];
}

const str1 = (f: (s: string) => Value): FuncDef => fn(["string"], ([s]) => f(s));
const str2 = (f: (a: string, b: string) => Value): FuncDef => fn(["string", "string"], ([a, b]) => f(a, b));
const intStr = (f: (n: number, s: string) => Value): FuncDef => fn(["int", "string"], ([n, s]) => f(n, s));
const nonNil = (f: (vs: Value[]) => string): FuncDef =>
  fnv([], "any", (_, vs) => f(vs.filter((v) => v !== null)));

function indent(spaces: number, s: string): string {
  const pad = repeat(" ", spaces);
  return pad + s.replaceAll("\n", `\n${pad}`);
}

export const SPRIG_STRING_FUNCS: FuncTable = {
  hello: fn([], () => "Hello!"),
  trunc: intStr((c, s) => (byteLength(s) <= c ? s : goSlice(s, 0, c))),
  trim: str1(trimSpace),
  upper: str1((s) => mapRunes(s, (c) => c.toUpperCase())),
  lower: str1((s) => mapRunes(s, (c) => c.toLowerCase())),
  title: str1(title),
  untitle: str1((s) => {
    const [first = "", ...rest] = Array.from(s);
    return mapRunes(first, (c) => c.toLowerCase()) + rest.join("");
  }),
  substr: fn(["int", "int", "string"], ([start, end, s]) => {
    if (start < 0) return goSlice(s, 0, end);
    if (end < 0 || end > byteLength(s)) return goSlice(s, start);
    return goSlice(s, start, end);
  }),
  repeat: intStr((n, s) => repeat(s, n)),
  trimall: str2((a, b) => trimCutset(b, a, true, true)),
  trimAll: str2((a, b) => trimCutset(b, a, true, true)),
  trimSuffix: str2((a, b) => (a !== "" && b.endsWith(a) ? b.slice(0, b.length - a.length) : b)),
  trimPrefix: str2((a, b) => (b.startsWith(a) ? b.slice(a.length) : b)),
  nospace: str1((s) => s.replace(SPACE_RE, "")),
  contains: str2((sub, s) => s.includes(sub)),
  hasPrefix: str2((pre, s) => s.startsWith(pre)),
  hasSuffix: str2((suf, s) => s.endsWith(suf)),
  quote: nonNil((vs) => vs.map((v) => goQuote(strval(v))).join(" ")),
  squote: nonNil((vs) => vs.map((v) => `'${formatValue(v)}'`).join(" ")),
  cat: nonNil((vs) => vs.map(formatValue).join(" ")),
  indent: intStr(indent),
  nindent: intStr((n, s) => `\n${indent(n, s)}`),
  replace: fn(["string", "string", "string"], ([old, rep, src]) => src.replaceAll(old, rep)),
  plural: fn(["string", "string", "int"], ([one, many, count]) => (count === 1 ? one : many)),
  toString: fn(["any"], ([v]) => strval(v)),
  split: str2((sep, s) => indexedMap(splitN(s, sep, -1))),
  splitList: str2((sep, s) => strList(splitN(s, sep, -1))),
  splitn: fn(["string", "int", "string"], ([sep, n, s]) => indexedMap(splitN(s, sep, n))),
  toStrings: fn(["any"], ([v]) => strList(strslice(v))),
  join: fn(["string", "any"], ([sep, v]) => strslice(v).join(sep)),
  sortAlpha: fn(["any"], ([v]) => {
    if (!(v instanceof GoList)) return strList([strval(v)]);
    return strList(strslice(v).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
  }),
};
