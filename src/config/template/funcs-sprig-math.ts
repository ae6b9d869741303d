/** Sprig v2 numeric, conversion and default/flow functions. */
import { formatValue } from "./format.js";
import { FuncError, fn, fnv } from "./funcs.js";
import type { FuncDef, FuncTable } from "./funcs.js";
import { parseGoFloat } from "./literals.js";
import { GoFloat, GoInt, float, int, int64, isTrue, list } from "./values.js";
import type { Value } from "./values.js";

const INT64_MIN = -(1n << 63n);

/** `strconv.ParseInt(s, base, 64)` with an explicit base: no prefixes or underscores; null on error. */
function parseIntBase(s: string, base: 8 | 10): bigint | null {
  if (!(base === 8 ? /^[+-]?[0-7]+$/ : /^[+-]?[0-9]+$/).test(s)) return null;
  const body = s.replace(/^[+-]/, "");
  const magnitude = BigInt(base === 8 ? `0o${body}` : body);
  const value = s.startsWith("-") ? -magnitude : magnitude;
  return value < INT64_MIN || value > -INT64_MIN - 1n ? null : value;
}

/** Go's float64 → int64 conversion (out-of-range values give the minimum int64, as on amd64). */
const truncToInt64 = (x: number): bigint => (Math.abs(x) < 2 ** 63 ? BigInt(Math.trunc(x)) : INT64_MIN);

/** Sprig's `toInt64`: strings parsed in base 10 (0 on error), numbers converted, bools 1/0, else 0. */
export function toInt64(v: Value): bigint {
  if (typeof v === "string") return parseIntBase(v, 10) ?? 0n;
  if (v instanceof GoInt) return v.value;
  if (v instanceof GoFloat) return truncToInt64(v.value);
  if (typeof v === "boolean") return v ? 1n : 0n;
  return 0n;
}

/** Sprig's `toFloat64`. */
export function toFloat64(v: Value): number {
  if (typeof v === "string") {
    if (/^[+-]?(inf|infinity)$/i.test(v)) return v.startsWith("-") ? -Infinity : Infinity;
    if (/^[+-]?nan$/i.test(v)) return NaN;
    return parseGoFloat(v) ?? 0;
  }
  if (v instanceof GoInt) return Number(v.value);
  if (v instanceof GoFloat) return v.value;
  if (typeof v === "boolean") return v ? 1 : 0;
  return 0;
}

/** Go `int(x)` of an int64 (64-bit platform). */
export const toInt = (v: Value): number => Number(BigInt.asIntN(64, toInt64(v)));

function untilStep(start: number, stop: number, step: number): Value {
  const out: Value[] = [];
  if (stop < start ? step < 0 : step > 0) {
    for (let i = start; stop < start ? i > stop : i < stop; i += step) out.push(int(i));
  }
  return list(out, "int");
}

const nonZero = (b: bigint): bigint => {
  if (b === 0n) throw new FuncError("runtime error: integer divide by zero");
  return b;
};

const binary = (f: (a: bigint, b: bigint) => bigint): FuncDef =>
  fn(["any", "any"], ([a, b]) => int64(f(toInt64(a), toInt64(b))));

const fold = (f: (acc: bigint, x: bigint) => bigint): FuncDef =>
  fnv(["any"], "any", ([a], rest) => int64(rest.reduce((acc, x) => f(acc, toInt64(x)), toInt64(a))));

const floatOf = (f: (x: number) => number): FuncDef => fn(["any"], ([a]) => float(f(toFloat64(a))));

function round(a: Value, places: number, roundOn: number): Value {
  const pow = 10 ** places;
  const digit = pow * toFloat64(a);
  const frac = digit - Math.trunc(digit);
  return float((frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow);
}

export const SPRIG_MATH_FUNCS: FuncTable = {
  atoi: fn(["string"], ([s]) => int(parseIntBase(s, 10) ?? 0n)),
  int64: fn(["any"], ([v]) => int64(toInt64(v))),
  int: fn(["any"], ([v]) => int(toInt(v))),
  float64: fn(["any"], ([v]) => float(toFloat64(v))),
  toDecimal: fn(["any"], ([v]) => int64(parseIntBase(formatValue(v), 8) ?? 0n)),
  until: fn(["int"], ([n]) => untilStep(0, n, n < 0 ? -1 : 1)),
  untilStep: fn(["int", "int", "int"], ([start, stop, step]) => untilStep(start, stop, step)),
  add1: fn(["any"], ([a]) => int64(toInt64(a) + 1n)),
  add: fnv([], "any", (_, xs) => int64(xs.reduce((acc, x) => acc + toInt64(x), 0n))),
  sub: binary((a, b) => a - b),
  div: binary((a, b) => a / nonZero(b)),
  mod: binary((a, b) => a % nonZero(b)),
  mul: fold((acc, x) => acc * x),
  biggest: fold((acc, x) => (x > acc ? x : acc)),
  max: fold((acc, x) => (x > acc ? x : acc)),
  min: fold((acc, x) => (x < acc ? x : acc)),
  ceil: floatOf(Math.ceil),
  floor: floatOf(Math.floor),
  round: fnv(["any", "int"], "float64", ([a, p], opt) => round(a, p, opt[0] ?? 0.5)),
  default: fnv(["any"], "any", ([d], given) => {
    const [first = null] = given;
    return isTrue(first) ? first : d;
  }),
  empty: fn(["any"], ([v]) => !isTrue(v)),
  coalesce: fnv([], "any", (_, vs) => vs.find(isTrue) ?? null),
  ternary: fn(["any", "any", "bool"], ([t, f, cond]) => (cond ? t : f)),
  fail: fn(["string"], ([msg]) => {
    throw new FuncError(msg);
  }),
};
