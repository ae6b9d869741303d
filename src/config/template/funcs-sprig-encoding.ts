/** Sprig v2 encoding functions: base64/base32, hashes and `toJson` with Go's `encoding/json` output. */
import { createHash } from "node:crypto";
import { fn } from "./funcs.js";
import type { FuncDef, FuncTable } from "./funcs.js";
import { formatGoTime } from "./gotime.js";
import { GoFloat, GoInt, GoList, GoMap, GoTime, sortedKeys } from "./values.js";
import type { Value } from "./values.js";

interface Radix {
  readonly name: string;
  readonly alphabet: string;
  readonly bits: number;
  /** Characters per quantum, and data-character counts allowed before padding. */
  readonly quantum: number;
  readonly partial: readonly number[];
}

const BASE64: Radix = {
  name: "base64",
  alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
  bits: 6,
  quantum: 4,
  partial: [2, 3],
};

const BASE32: Radix = {
  name: "base32",
  alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
  bits: 5,
  quantum: 8,
  partial: [2, 4, 5, 7],
};

function encode(s: string, r: Radix): string {
  let out = "";
  let acc = 0;
  let nbits = 0;
  const mask = (1 << r.bits) - 1;
  for (const b of Buffer.from(s, "utf8")) {
    acc = (acc << 8) | b;
    nbits += 8;
    while (nbits >= r.bits) {
      nbits -= r.bits;
      out += r.alphabet[(acc >> nbits) & mask] ?? "";
    }
    acc &= (1 << nbits) - 1;
  }
  if (nbits > 0) out += r.alphabet[(acc << (r.bits - nbits)) & mask] ?? "";
  return out.padEnd(Math.ceil(out.length / r.quantum) * r.quantum, "=");
}

/** Strict padded decoding; on malformed input returns Go's error text, as Sprig does. */
function decode(s: string, r: Radix): string {
  const fail = (pos: number): string => `illegal ${r.name} data at input byte ${pos}`;
  const chars = Array.from(s)
    .map((ch, pos) => ({ ch, pos }))
    .filter(({ ch }) => ch !== "\r" && ch !== "\n");
  const bytes: number[] = [];
  for (let q = 0; q < chars.length; q += r.quantum) {
    const group = chars.slice(q, q + r.quantum);
    const pad = group.findIndex(({ ch }) => ch === "=");
    const data = pad < 0 ? group : group.slice(0, pad);
    const bad = data.find(({ ch }) => !r.alphabet.includes(ch));
    if (bad) return fail(bad.pos);
    if (pad >= 0) {
      const trailing = group.slice(pad).find(({ ch }) => ch !== "=");
      if (!r.partial.includes(pad)) return fail(group[pad]?.pos ?? 0);
      if (trailing) return fail(trailing.pos);
      if (group.length < r.quantum) return fail(chars.at(-1)?.pos ?? 0);
      const after = chars[q + r.quantum];
      if (after) return fail(after.pos);
    } else if (group.length < r.quantum) {
      return fail(group[0]?.pos ?? 0);
    }
    let acc = 0n;
    for (const { ch } of data) acc = (acc << BigInt(r.bits)) | BigInt(r.alphabet.indexOf(ch));
    const n = Math.floor((data.length * r.bits) / 8);
    acc >>= BigInt(data.length * r.bits - n * 8);
    for (let i = n - 1; i >= 0; i--) bytes.push(Number((acc >> BigInt(i * 8)) & 0xffn));
  }
  return Buffer.from(bytes).toString("utf8");
}

const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

/** A JSON string as Go's encoder writes it (HTML-safe: <, > and & escaped). */
function jsonString(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (JSON_ESCAPES[c] !== undefined) out += JSON_ESCAPES[c];
    else if (code < 0x20 || "<>&\u2028\u2029".includes(c)) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += c;
  }
  return `${out}"`;
}

class UnsupportedJson extends Error {}

function toJson(v: Value, indent: string, depth: number): string {
  if (v === null) return "null";
  if (typeof v === "string") return jsonString(v);
  if (typeof v === "boolean" || v instanceof GoInt)
    return typeof v === "boolean" ? String(v) : v.value.toString();
  if (v instanceof GoFloat) {
    if (!Number.isFinite(v.value)) throw new UnsupportedJson();
    return Object.is(v.value, -0) ? "-0" : String(v.value);
  }
  if (v instanceof GoTime) return jsonString(formatGoTime(v, "2006-01-02T15:04:05.999999999Z07:00"));
  const inner = indent === "" ? "" : `\n${indent.repeat(depth + 1)}`;
  const close = indent === "" ? "" : `\n${indent.repeat(depth)}`;
  const colon = indent === "" ? ":" : ": ";
  const parts =
    v instanceof GoList
      ? v.items.map((x) => toJson(x, indent, depth + 1))
      : sortedKeys(v).map(
          (k) => `${jsonString(k)}${colon}${toJson(v.entries.get(k) ?? null, indent, depth + 1)}`,
        );
  const [open, end] = v instanceof GoMap ? ["{", "}"] : ["[", "]"];
  return parts.length === 0 ? open + end : `${open}${inner}${parts.join(`,${inner}`)}${close}${end}`;
}

/** Sprig ignores marshalling errors and returns an empty string. */
function marshal(v: Value, indent: string): string {
  try {
    return toJson(v, indent, 0);
  } catch (e) {
    if (e instanceof UnsupportedJson) return "";
    throw e;
  }
}

function adler32(s: string): string {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(s, "utf8")) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return String(((b << 16) | a) >>> 0);
}

const hash = (algorithm: string): FuncDef =>
  fn(["string"], ([s]) => createHash(algorithm).update(s, "utf8").digest("hex"));

export const SPRIG_ENCODING_FUNCS: FuncTable = {
  b64enc: fn(["string"], ([s]) => encode(s, BASE64)),
  b64dec: fn(["string"], ([s]) => decode(s, BASE64)),
  b32enc: fn(["string"], ([s]) => encode(s, BASE32)),
  b32dec: fn(["string"], ([s]) => decode(s, BASE32)),
  sha1sum: hash("sha1"),
  sha256sum: hash("sha256"),
  adler32sum: fn(["string"], ([s]) => adler32(s)),
  toJson: fn(["any"], ([v]) => marshal(v, "")),
  toPrettyJson: fn(["any"], ([v]) => marshal(v, "  ")),
};
