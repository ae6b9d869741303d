import { goQuote } from "./quote.js";

/** Go literal parsing: `strconv.ParseInt`/`ParseFloat` with base 0, `Unquote` and `UnquoteChar`. */

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

export type IntResult = { readonly ok: true; readonly value: bigint } | { readonly ok: false };

/** Go's `underscoreOK`: underscores may only separate digits or follow a base prefix. */
function underscoreOK(text: string): boolean {
  let s = text.replace(/^[+-]/, "");
  let saw = "^";
  const hex = /^0[xX]/.test(s);
  if (/^0[bBoOxX]/.test(s)) {
    s = s.slice(2);
    saw = "0";
  }
  for (const c of s) {
    if (/[0-9]/.test(c) || (hex && /[a-fA-F]/.test(c))) saw = "0";
    else if (c === "_") {
      if (saw !== "0") return false;
      saw = "_";
    } else {
      if (saw === "_") return false;
      saw = "!";
    }
  }
  return saw !== "_";
}

function splitBase(s: string): { base: number; body: string } {
  const base = { "0x": 16, "0o": 8, "0b": 2 }[s.slice(0, 2).toLowerCase()];
  if (base !== undefined) return { base, body: s.slice(2) };
  if (s.length > 1 && s.startsWith("0")) return { base: 8, body: s.slice(1) };
  return { base: 10, body: s };
}

const DIGITS = "0123456789abcdef";

/** `strconv.ParseUint(s, 0, 64)` (signed = false) or `ParseInt(s, 0, 64)` (signed = true). */
export function parseGoInt(text: string, signed: boolean): IntResult {
  let s = text;
  let neg = false;
  if (signed && (s.startsWith("+") || s.startsWith("-"))) {
    neg = s.startsWith("-");
    s = s.slice(1);
  }
  const { base, body } = splitBase(s);
  if (body.length === 0 && base !== 8) return { ok: false };
  if (!underscoreOK(text)) return { ok: false };
  let value = 0n;
  for (const ch of body.toLowerCase()) {
    if (ch === "_") continue;
    const d = DIGITS.indexOf(ch);
    if (d < 0 || d >= base) return { ok: false };
    value = value * BigInt(base) + BigInt(d);
  }
  if (!signed) return value > UINT64_MAX ? { ok: false } : { ok: true, value };
  if (neg ? value > INT64_MAX + 1n : value > INT64_MAX) return { ok: false };
  return { ok: true, value: neg ? -value : value };
}

const DEC_FLOAT = /^[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F_]*)\.?([0-9a-fA-F_]*)[pP]([+-]?[0-9_]+)$/;

/** `strconv.ParseFloat(s, 64)` for decimal and hexadecimal literals; `null` when malformed. */
export function parseGoFloat(text: string): number | null {
  const hex = HEX_FLOAT.exec(text);
  if (hex) {
    const [, sign = "", whole = "", frac = "", exp = "0"] = hex;
    if (whole.length + frac.length === 0 || !underscoreOK(text)) return null;
    const mantissa = parseInt(`${whole}${frac}`.replaceAll("_", "") || "0", 16);
    const value = mantissa * 2 ** (Number(exp.replaceAll("_", "")) - 4 * frac.replaceAll("_", "").length);
    return sign === "-" ? -value : value;
  }
  if (!DEC_FLOAT.test(text) || !underscoreOK(text)) return null;
  const value = Number(text.replaceAll("_", ""));
  return Number.isNaN(value) ? null : value;
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  "\\": 92,
};

/** Appends the UTF-8 encoding of `cp` to `out`. */
function pushRune(out: number[], cp: number): void {
  out.push(...Buffer.from(String.fromCodePoint(cp), "utf8"));
}

/**
 * `strconv.UnquoteChar`: decodes one (possibly escaped) character at `s[i]` into UTF-8 bytes.
 * Returns the index after it, or -1 on a syntax error.
 */
export function unquoteChar(s: string, i: number, quote: string, out: number[]): number {
  const c = s.codePointAt(i);
  if (c === undefined || String.fromCodePoint(c) === quote) return -1;
  if (c !== 0x5c) {
    pushRune(out, c);
    return i + (c > 0xffff ? 2 : 1);
  }
  const e = s[i + 1] ?? "";
  const simple = SIMPLE_ESCAPES[e];
  if (simple !== undefined) {
    out.push(simple);
    return i + 2;
  }
  if (e === "'" || e === '"') {
    if (e !== quote) return -1;
    out.push(e.charCodeAt(0));
    return i + 2;
  }
  const hexLen = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
  if (hexLen > 0) {
    const digits = s.slice(i + 2, i + 2 + hexLen);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(digits)) return -1;
    const v = parseInt(digits, 16);
    if (e === "x") out.push(v);
    else if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return -1;
    else pushRune(out, v);
    return i + 2 + hexLen;
  }
  const oct = s.slice(i + 1, i + 4);
  if (/^[0-7]{3}$/.test(oct) && parseInt(oct, 8) <= 255) {
    out.push(parseInt(oct, 8));
    return i + 4;
  }
  return -1;
}

/** `strconv.Unquote` for "…" and `…` literals; `null` on a syntax error. */
export function unquote(quoted: string): string | null {
  if (quoted.startsWith("`")) return quoted.slice(1, -1).replaceAll("\r", "");
  const body = quoted.slice(1, -1);
  const out: number[] = [];
  for (let i = 0; i < body.length;) {
    i = unquoteChar(body, i, '"', out);
    if (i < 0) return null;
  }
  return Buffer.from(out).toString("utf8");
}

/** The interpretations of a numeric constant, as Go's `parse.NumberNode` records them. */
export interface NumberLiteral {
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  readonly int: bigint;
  readonly float: number;
}

/** Go's `Tree.newNumber`: returns the literal, or an error message. Complex constants are unsupported. */
export function parseNumber(
  text: string,
  type: "charConstant" | "complex" | "number",
): NumberLiteral | string {
  if (type === "complex" || text.endsWith("i")) return `complex number constants are not supported: ${text}`;
  if (type === "charConstant") {
    const bytes: number[] = [];
    const end = unquoteChar(text, 1, "'", bytes);
    if (end < 0) return "invalid syntax";
    if (text.slice(end) !== "'") return `malformed character constant: ${text}`;
    const cp = BigInt(Buffer.from(bytes).toString("utf8").codePointAt(0) ?? 0);
    return { isInt: true, isUint: true, isFloat: true, int: cp, float: Number(cp) };
  }
  const u = parseGoInt(text, false);
  const s = parseGoInt(text, true);
  if (s.ok) {
    return {
      isInt: true,
      isUint: u.ok || s.value === 0n,
      isFloat: true,
      int: s.value,
      float: Number(s.value),
    };
  }
  if (u.ok) return { isInt: false, isUint: true, isFloat: true, int: 0n, float: Number(u.value) };
  const f = parseGoFloat(text);
  if (f === null) return `illegal number syntax: ${goQuote(text)}`;
  if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
  const integral = Number.isInteger(f) && Math.abs(f) < 2 ** 63;
  return {
    isInt: integral,
    isUint: integral && f >= 0,
    isFloat: true,
    int: integral ? BigInt(f) : 0n,
    float: f,
  };
}
