/** Go `fmt` number formatting: integers in any base and `strconv.FormatFloat` semantics. */

/** One `%` directive's flags, as Go's `fmt.fmtFlags` plus width and precision. */
export interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | null;
  prec: number | null;
  /** `%#v` and `%+v` (Go moves the flags aside for the `v` verb). */
  sharpV: boolean;
}

export const newSpec = (): Spec => ({
  minus: false,
  plus: false,
  sharp: false,
  space: false,
  zero: false,
  width: null,
  prec: null,
  sharpV: false,
});

/** Pads to the width (in runes), on the left with spaces or zeros, or on the right with `-`. */
export function pad(s: string, spec: Spec, zero = spec.zero): string {
  const missing = (spec.width ?? 0) - Array.from(s).length;
  if (missing <= 0) return s;
  if (spec.minus) return s + " ".repeat(missing);
  return (zero ? "0" : " ").repeat(missing) + s;
}

const BASES: Readonly<Record<string, number>> = { b: 2, o: 8, O: 8, d: 10, v: 10, x: 16, X: 16 };

/** `fmt.fmtInteger` for the b, o, O, d, v, x and X verbs. */
export function fmtInteger(value: bigint, verb: string, spec: Spec): string {
  const base = BASES[verb] ?? 10;
  const negative = value < 0n;
  const u = negative ? -value : value;
  let prec = 0;
  if (spec.prec !== null) {
    if (spec.prec === 0 && u === 0n) return pad("", spec, false);
    prec = spec.prec;
  } else if (spec.zero && !spec.minus && spec.width !== null) {
    prec = spec.width - (negative || spec.plus || spec.space ? 1 : 0);
  }
  let digits = u.toString(base);
  if (verb === "X") digits = digits.toUpperCase();
  digits = digits.padStart(prec, "0");
  if (spec.sharp) {
    if (base === 2) digits = `0b${digits}`;
    else if (base === 8 && !digits.startsWith("0")) digits = `0${digits}`;
    else if (base === 16) digits = `0${verb}${digits}`;
  }
  if (verb === "O") digits = `0o${digits}`;
  const sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  return pad(sign + digits, spec, false);
}

interface Digits {
  readonly d: string;
  readonly dp: number;
}

/** The exact decimal expansion of a finite |x| (a double is m·2^e, hence a finite decimal). */
function exactDigits(abs: number): Digits {
  if (abs === 0) return { d: "", dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, abs);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exp = biased === 0 ? -1074 : biased - 1075;
  const digits = exp >= 0 ? (mantissa << BigInt(exp)).toString() : (mantissa * 5n ** BigInt(-exp)).toString();
  return { d: digits.replace(/0+$/, ""), dp: digits.length - Math.max(-exp, 0) };
}

/** Go's `decimal.Round(nd)`: keep `nd` digits, rounding half to even on exact ties. */
function roundDigits(x: Digits, nd: number): Digits {
  if (nd < 0 || nd >= x.d.length) return x;
  const next = x.d[nd] ?? "0";
  const tie = next === "5" && nd + 1 === x.d.length;
  const up = tie ? nd > 0 && Number(x.d[nd - 1]) % 2 === 1 : next >= "5";
  if (!up) return { d: x.d.slice(0, nd).replace(/0+$/, ""), dp: x.dp };
  for (let i = nd - 1; i >= 0; i--) {
    const c = x.d[i] ?? "0";
    if (c < "9") return { d: x.d.slice(0, i) + String(Number(c) + 1), dp: x.dp };
  }
  return { d: "1", dp: x.dp + 1 };
}

/** Decimal digits (no trailing zeros) and decimal-point position of |x|, shortest or to `sig` digits. */
function decimalDigits(abs: number, sig: number | null): Digits {
  if (sig !== null) return roundDigits(exactDigits(abs), sig);
  if (abs === 0) return { d: "", dp: 0 };
  const [mant = "0", exp = "0"] = abs.toExponential().split("e");
  return { d: mant.replace(".", "").replace(/0+$/, ""), dp: Number(exp) + 1 };
}

function fmtE(digits: Digits, prec: number, e: string): string {
  let out = digits.d[0] ?? "0";
  if (prec > 0) out += `.${digits.d.slice(1, prec + 1).padEnd(prec, "0")}`;
  const exp = digits.d.length === 0 ? 0 : digits.dp - 1;
  const abs = Math.abs(exp);
  return `${out}${e}${exp < 0 ? "-" : "+"}${abs < 10 ? `0${abs}` : abs}`;
}

function fmtF(digits: Digits, prec: number): string {
  let out = digits.dp > 0 ? digits.d.slice(0, digits.dp).padEnd(digits.dp, "0") : "0";
  if (prec > 0) {
    out += ".";
    for (let i = 1; i <= prec; i++) out += digits.d[digits.dp + i - 1] ?? "0";
  }
  return out;
}

function fixed(abs: number, prec: number): string {
  const exact = exactDigits(abs);
  return fmtF(roundDigits(exact, exact.dp + prec), prec);
}

/** `strconv.FormatFloat(|x|, verb, prec, 64)` without the sign; prec -1 means shortest. */
function formatAbs(abs: number, verb: string, prec: number): string {
  const upper = verb === "E" || verb === "G";
  const e = upper ? "E" : "e";
  if (verb === "f" || verb === "F") return fixed(abs, Math.max(prec, 0));
  if (verb === "e" || verb === "E") {
    const digits = decimalDigits(abs, prec < 0 ? null : prec + 1);
    return fmtE(digits, prec < 0 ? Math.max(digits.d.length - 1, 0) : prec, e);
  }
  const shortest = prec < 0;
  const digits = decimalDigits(abs, shortest ? null : Math.max(prec, 1));
  let p = shortest ? digits.d.length : Math.max(prec, 1);
  let eprec = p;
  if (eprec > digits.d.length && digits.d.length >= digits.dp) eprec = digits.d.length;
  if (shortest) eprec = 6;
  const exp = digits.dp - 1;
  if (exp < -4 || exp >= eprec) return fmtE(digits, Math.min(p, digits.d.length) - 1, e);
  if (p > digits.dp) p = digits.d.length;
  return fmtF(digits, Math.max(p - digits.dp, 0));
}

/** `fmt.fmtFloat` for the v, e, E, f, F, g and G verbs. */
export function fmtFloat(x: number, verb: string, spec: Spec): string {
  const defaultPrec = "eEfF".includes(verb) ? 6 : -1;
  const prec = spec.prec ?? defaultPrec;
  if (Number.isNaN(x) || !Number.isFinite(x)) {
    const body = Number.isNaN(x) ? "NaN" : "Inf";
    const sign = x < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : Number.isNaN(x) ? "" : "+";
    return pad(sign + body, spec, false);
  }
  const negative = x < 0 || Object.is(x, -0);
  const body = formatAbs(Math.abs(x), verb === "v" ? "g" : verb, prec);
  const sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  if (sign !== "" && spec.zero && !spec.minus && spec.width !== null) {
    return sign + pad(body, { ...spec, width: spec.width - 1 }, true);
  }
  return pad(sign + body, spec);
}
