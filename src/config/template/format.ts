/** Go `fmt.Sprint`, `Sprintln` and `Sprintf` over template values. */
import { fmtFloat, fmtInteger, newSpec, pad } from "./fmt-number.js";
import type { Spec } from "./fmt-number.js";
import { timeString } from "./gotime.js";
import { canBackquote, formatRuneU, goQuote, goQuoteRune } from "./quote.js";
import { GoFloat, GoInt, GoList, GoMap, GoTime, sortedKeys, typeName } from "./values.js";
import type { Value } from "./values.js";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July"].concat([
  "August",
  "September",
  "October",
  "November",
  "December",
]);
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The `String()` of values that implement fmt.Stringer, else null. */
function stringer(v: Value): string | null {
  if (v instanceof GoInt && v.type === "time.Month")
    return MONTHS[Number(v.value) - 1] ?? `%!Month(${v.value})`;
  if (v instanceof GoInt && v.type === "time.Weekday")
    return WEEKDAYS[Number(v.value)] ?? `%!Weekday(${v.value})`;
  return v instanceof GoTime ? timeString(v) : null;
}

function badVerb(v: Value, verb: string, spec: Spec): string {
  const inner = v === null ? "<nil>" : `${typeName(v)}=${formatArg(v, "v", spec, 0)}`;
  return `%!${verb}(${inner})`;
}

function fmtString(s: string, verb: string, spec: Spec): string {
  const text = spec.prec === null ? s : Array.from(s).slice(0, spec.prec).join("");
  switch (verb) {
    case "v":
    case "s":
      return pad(text, spec);
    case "q":
      return pad(spec.sharp && canBackquote(text) ? `\`${text}\`` : goQuote(text, spec.plus), spec);
    case "x":
    case "X": {
      const bytes = [...Buffer.from(s, "utf8").subarray(0, spec.prec ?? undefined)];
      const hex = bytes.map((b) => b.toString(16).padStart(2, "0"));
      const prefix = spec.sharp ? "0x" : "";
      const out = spec.space ? hex.map((h) => prefix + h).join(" ") : prefix + hex.join("");
      return pad(verb === "X" ? out.toUpperCase() : out, spec);
    }
    default:
      return badVerb(s, verb, spec);
  }
}

function fmtInt(v: GoInt, verb: string, spec: Spec): string {
  const cp = Number(v.value);
  const rune = cp >= 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? cp : 0xfffd;
  switch (verb) {
    case "c":
      return pad(String.fromCodePoint(rune), spec);
    case "q":
      return pad(goQuoteRune(rune, spec.plus), spec);
    case "U":
      return pad(formatRuneU(cp, spec.sharp), spec);
    default:
      return "bdoOxXv".includes(verb) ? fmtInteger(v.value, verb, spec) : badVerb(v, verb, spec);
  }
}

/** Go-syntax rendering for `%#v`. */
function goSyntax(v: Value, depth: number): string {
  if (v === null) return depth > 0 ? "interface {}(nil)" : "<nil>";
  if (typeof v === "string") return goQuote(v);
  if (v instanceof GoList) return `${typeName(v)}{${v.items.map((x) => goSyntax(x, depth + 1)).join(", ")}}`;
  if (v instanceof GoMap) {
    const entries = sortedKeys(v).map(
      (k) => `${goQuote(k)}:${goSyntax(v.entries.get(k) ?? null, depth + 1)}`,
    );
    return `${typeName(v)}{${entries.join(", ")}}`;
  }
  if (v instanceof GoInt && v.type === "uint8") return `0x${v.value.toString(16)}`;
  const s = stringer(v);
  return s === null || v instanceof GoInt ? formatArg(v, "v", newSpec(), depth) : goQuote(s);
}

/** Formats one operand for one verb, like Go's `printArg`/`printValue`. */
export function formatArg(v: Value, verb: string, spec: Spec, depth: number): string {
  if (verb === "T") return pad(typeName(v), spec);
  if (v === null) return verb === "v" || depth > 0 ? pad("<nil>", spec) : badVerb(v, verb, spec);
  if (verb === "v" && spec.sharpV) return pad(goSyntax(v, depth), spec);
  const str = stringer(v);
  if (str !== null && "vsxXq".includes(verb)) return fmtString(str, verb, spec);
  if (typeof v === "string") return fmtString(v, verb, spec);
  if (typeof v === "boolean")
    return verb === "v" || verb === "t" ? pad(String(v), spec) : badVerb(v, verb, spec);
  if (v instanceof GoInt) return fmtInt(v, verb, spec);
  if (v instanceof GoFloat)
    return "veEfFgG".includes(verb) ? fmtFloat(v.value, verb, spec) : badVerb(v, verb, spec);
  if (v instanceof GoList) return `[${v.items.map((x) => formatArg(x, verb, spec, depth + 1)).join(" ")}]`;
  if (v instanceof GoMap) {
    const item = (k: string): string =>
      `${formatArg(k, verb, spec, depth + 1)}:${formatArg(v.entries.get(k) ?? null, verb, spec, depth + 1)}`;
    return `map[${sortedKeys(v).map(item).join(" ")}]`;
  }
  return badVerb(v, verb, spec);
}

/** `fmt.Sprint(v)`: the `%v` form used when an action prints a value. */
export const formatValue = (v: Value): string => formatArg(v, "v", newSpec(), 0);

/** `fmt.Sprint`: spaces between operands when neither side is a string. */
export function sprint(args: readonly Value[]): string {
  let out = "";
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== "string" && typeof args[i - 1] !== "string") out += " ";
    out += formatValue(a);
  });
  return out;
}

/** `fmt.Sprintln`: operands always space-separated, then a newline. */
export const sprintln = (args: readonly Value[]): string => `${args.map(formatValue).join(" ")}\n`;

const MAX_NUM = 1e6;

/** Parses a decimal number at `i`; returns [value, next index] or null when absent or too large. */
function parseNum(s: string, i: number, end: number): [number, number] | null {
  let j = i;
  while (j < end && s[j] !== undefined && /[0-9]/.test(s[j] ?? "")) j++;
  if (j === i) return null;
  const n = Number(s.slice(i, j));
  return n > MAX_NUM ? null : [n, j];
}

interface ArgState {
  argNum: number;
  i: number;
  reordered: boolean;
  goodArgNum: boolean;
}

/** Handles an explicit `[n]` argument index at `st.i`; returns whether one was found. */
function argNumber(format: string, st: ArgState, numArgs: number): boolean {
  if (format[st.i] !== "[") return false;
  st.reordered = true;
  const close = format.indexOf("]", st.i + 1);
  const parsed = close < 0 ? null : parseNum(format, st.i + 1, close);
  const ok = parsed !== null && parsed[1] === close;
  st.i = close < 0 ? st.i + 1 : close + 1;
  if (ok && parsed[0] >= 1 && parsed[0] <= numArgs) {
    st.argNum = parsed[0] - 1;
    return true;
  }
  st.goodArgNum = false;
  return ok;
}

/** Reads a `*` width/precision operand; returns null when it is not an int. */
function intFromArg(args: readonly Value[], st: ArgState): number | null {
  const a = args[st.argNum];
  st.argNum++;
  if (!(a instanceof GoInt) || a.type.startsWith("time.")) return null;
  const n = Number(a.value);
  return Math.abs(n) > MAX_NUM ? null : n;
}

/** `fmt.Sprintf` with Go's verbs, flags, width, precision, `*`, `[n]` and error annotations. */
export function sprintf(format: string, args: readonly Value[]): string {
  let out = "";
  const st: ArgState = { argNum: 0, i: 0, reordered: false, goodArgNum: true };
  const end = format.length;
  while (st.i < end) {
    const pct = format.indexOf("%", st.i);
    out += format.slice(st.i, pct < 0 ? end : pct);
    if (pct < 0) break;
    st.i = pct + 1;
    st.goodArgNum = true;
    const spec = newSpec();
    for (; st.i < end; st.i++) {
      const c = format[st.i];
      if (c === "#") spec.sharp = true;
      else if (c === "0") spec.zero = !spec.minus;
      else if (c === "+") spec.plus = true;
      else if (c === "-") [spec.minus, spec.zero] = [true, false];
      else if (c === " ") spec.space = true;
      else break;
    }
    let afterIndex = argNumber(format, st, args.length);
    if (format[st.i] === "*") {
      st.i++;
      const w = intFromArg(args, st);
      if (w === null) out += "%!(BADWIDTH)";
      else if (w < 0) [spec.width, spec.minus, spec.zero] = [-w, true, false];
      else spec.width = w;
      afterIndex = false;
    } else {
      const w = parseNum(format, st.i, end);
      if (w !== null) [spec.width, st.i] = w;
      if (afterIndex && w !== null) st.goodArgNum = false;
    }
    if (st.i + 1 < end && format[st.i] === ".") {
      st.i++;
      if (afterIndex) st.goodArgNum = false;
      afterIndex = argNumber(format, st, args.length);
      if (format[st.i] === "*") {
        st.i++;
        const p = intFromArg(args, st);
        spec.prec = p === null || p < 0 ? null : p;
        if (spec.prec === null) out += "%!(BADPREC)";
        afterIndex = false;
      } else {
        const p = parseNum(format, st.i, end);
        [spec.prec, st.i] = p ?? [0, st.i];
      }
    }
    if (!afterIndex) argNumber(format, st, args.length);
    if (st.i >= end) {
      out += "%!(NOVERB)";
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(st.i) ?? 0);
    st.i += verb.length;
    if (verb === "%") out += "%";
    else if (!st.goodArgNum) out += `%!${verb}(BADINDEX)`;
    else if (st.argNum >= args.length) out += `%!${verb}(MISSING)`;
    else {
      if (verb === "v") [spec.sharpV, spec.sharp, spec.plus] = [spec.sharp, false, false];
      out += formatArg(args[st.argNum] ?? null, verb, spec, 0);
      st.argNum++;
    }
  }
  if (!st.reordered && st.argNum < args.length) {
    const extra = args
      .slice(st.argNum)
      .map((a) => (a === null ? "<nil>" : `${typeName(a)}=${formatValue(a)}`));
    out += `%!(EXTRA ${extra.join(", ")})`;
  }
  return out;
}
