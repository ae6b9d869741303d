/** The predefined functions of Go `text/template` (`call` and the builtin `slice` excepted, see index.ts). */
import { formatValue, sprint, sprintf, sprintln } from "./format.js";
import { FuncError, fn, fnv } from "./funcs.js";
import type { FuncDef, FuncTable } from "./funcs.js";
import { isPrint } from "./quote.js";
import { GoFloat, GoInt, GoList, GoMap, GoTime, byteLength, isTrue, typeName } from "./values.js";
import type { Value } from "./values.js";

type Kind = "bool" | "int" | "uint" | "float" | "string" | "invalid";

function basicKind(v: Value): Kind {
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "string";
  if (v instanceof GoFloat) return "float";
  if (v instanceof GoInt) return v.type === "uint8" ? "uint" : "int";
  return "invalid";
}

const numeric = (v: Value): bigint | number =>
  v instanceof GoInt ? v.value : v instanceof GoFloat ? v.value : 0;
const compareStrings = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

function eq(a: Value, others: readonly Value[]): boolean {
  if (others.length === 0) throw new FuncError("missing argument for comparison");
  const k1 = basicKind(a);
  for (const b of others) {
    const k2 = basicKind(b);
    let truth: boolean;
    if (k1 !== k2) {
      const ints = (k1 === "int" || k1 === "uint") && (k2 === "int" || k2 === "uint");
      if (!ints && a !== null && b !== null) {
        throw new FuncError(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);
      }
      truth = ints && numeric(a) === numeric(b);
    } else if (k1 !== "invalid") {
      truth = k1 === "int" || k1 === "uint" || k1 === "float" ? numeric(a) === numeric(b) : a === b;
    } else {
      truth = eqComposite(a, b);
    }
    if (truth) return true;
  }
  return false;
}

/** `eq` on non-basic kinds: nil checks, then `==` where Go allows it (structs only, here times). */
function eqComposite(a: Value, b: Value): boolean {
  const kind = (v: Value): string => (v instanceof GoList ? "slice" : v instanceof GoMap ? "map" : "struct");
  if (a !== null && b !== null && kind(a) !== kind(b)) {
    throw new FuncError(
      `non-comparable types ${formatValue(a)}: ${typeName(a)}, ${typeName(b)}: ${formatValue(b)}`,
    );
  }
  if (a === null || b === null) return a === b;
  if (a instanceof GoTime && b instanceof GoTime) return a.ms === b.ms && a.zone === b.zone;
  throw new FuncError(`non-comparable type ${formatValue(b)}: ${typeName(b)}`);
}

function lt(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === "invalid" || k2 === "invalid") throw new FuncError("invalid type for comparison");
  const ints = (k1 === "int" || k1 === "uint") && (k2 === "int" || k2 === "uint");
  if (k1 !== k2 && !ints)
    throw new FuncError(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);
  if (k1 === "bool") throw new FuncError("invalid type for comparison");
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b) < 0;
  return numeric(a) < numeric(b);
}

function indexArg(index: Value, cap: number): number {
  if (index === null) throw new FuncError("cannot index slice/array with nil");
  if (!(index instanceof GoInt)) throw new FuncError(`cannot index slice/array with type ${typeName(index)}`);
  if (index.value < 0n || index.value > BigInt(cap))
    throw new FuncError(`index out of range: ${index.value}`);
  return Number(index.value);
}

function index(item: Value, indexes: readonly Value[]): Value {
  if (item === null) throw new FuncError("index of untyped nil");
  let cur: Value = item;
  for (const ix of indexes) {
    if (cur === null) throw new FuncError("index of nil pointer");
    if (typeof cur === "string") {
      const bytes: Buffer = Buffer.from(cur, "utf8");
      const x = indexArg(ix, bytes.length);
      if (x >= bytes.length) throw new FuncError("reflect: string index out of range");
      cur = new GoInt("uint8", BigInt(bytes[x] ?? 0));
    } else if (cur instanceof GoList) {
      const x = indexArg(ix, cur.items.length);
      if (x >= cur.items.length) throw new FuncError("reflect: slice index out of range");
      cur = cur.items[x] ?? null;
    } else if (cur instanceof GoMap) {
      if (ix === null) throw new FuncError("value is nil; should be of type string");
      if (typeof ix !== "string") throw new FuncError(`value has type ${typeName(ix)}; should be string`);
      const found = cur.entries.get(ix);
      cur = found !== undefined ? found : cur.elem === "string" ? "" : null;
    } else {
      throw new FuncError(`can't index item of type ${typeName(cur)}`);
    }
  }
  return cur;
}

function length(item: Value): Value {
  if (item === null) throw new FuncError("reflect: call of reflect.Value.Type on zero Value");
  if (typeof item === "string") return new GoInt("int", BigInt(byteLength(item)));
  if (item instanceof GoList) return new GoInt("int", BigInt(item.items.length));
  if (item instanceof GoMap) return new GoInt("int", BigInt(item.entries.size));
  throw new FuncError(`len of type ${typeName(item)}`);
}

/** Text/template's `evalArgs`: a lone string as is, else `fmt.Sprint` with nil shown as `<no value>`. */
function evalArgs(args: readonly Value[]): string {
  const [only] = args;
  if (args.length === 1 && typeof only === "string") return only;
  return sprint(args.map((a) => (a === null ? "<no value>" : a)));
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "\0": "\uFFFD",
  '"': "&#34;",
  "'": "&#39;",
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
};

const JS_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  "'": "\\'",
  '"': '\\"',
  "<": "\\u003C",
  ">": "\\u003E",
  "&": "\\u0026",
  "=": "\\u003D",
};

function jsEscape(s: string): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const named = JS_ESCAPES[ch];
    if (named !== undefined) out += named;
    else if (cp < 0x20) out += `\\u00${cp.toString(16).toUpperCase().padStart(2, "0")}`;
    else if (cp < 0x80 || isPrint(cp)) out += ch;
    else out += `\\u${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return out;
}

/** Go's `url.QueryEscape`. */
export function queryEscape(s: string): string {
  let out = "";
  for (const b of Buffer.from(s, "utf8")) {
    const ch = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === " ") out += "+";
    else out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

const compare = (f: (a: Value, b: Value) => boolean): FuncDef => fn(["any", "any"], ([a, b]) => f(a, b));

const shortCircuit = (kind: "and" | "or"): FuncDef => ({
  ...fnv(["any"], "any", ([a]) => a),
  shortCircuit: kind,
});

export const BUILTIN_FUNCS: FuncTable = {
  and: shortCircuit("and"),
  or: shortCircuit("or"),
  not: fn(["any"], ([a]) => !isTrue(a)),
  len: fn(["any"], ([a]) => length(a)),
  index: fnv(["any"], "any", ([item], rest) => index(item, rest)),
  eq: fnv(["any"], "any", ([a], rest) => eq(a, rest)),
  ne: compare((a, b) => !eq(a, [b])),
  lt: compare(lt),
  le: compare((a, b) => lt(a, b) || eq(a, [b])),
  gt: compare((a, b) => !(lt(a, b) || eq(a, [b]))),
  ge: compare((a, b) => !lt(a, b)),
  print: fnv([], "any", (_, rest) => sprint(rest)),
  printf: fnv(["string"], "any", ([format], rest) => sprintf(format, rest)),
  println: fnv([], "any", (_, rest) => sprintln(rest)),
  html: fnv([], "any", (_, rest) => evalArgs(rest).replace(/[\0"'&<>]/g, (c) => HTML_ESCAPES[c] ?? c)),
  js: fnv([], "any", (_, rest) => jsEscape(evalArgs(rest))),
  urlquery: fnv([], "any", (_, rest) => queryEscape(evalArgs(rest))),
};
