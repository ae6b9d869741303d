/** Sprig v2 date functions and the `time.Time` methods reachable as fields (`{{ now.Year }}`). */
import { fn } from "./funcs.js";
import type { FuncContext, FuncDef, FuncTable } from "./funcs.js";
import { formatGoTime, resolveZone, timeParts, timeString } from "./gotime.js";
import { GoInt, GoTime, int64, own } from "./values.js";
import type { Value } from "./values.js";

const now = (ctx: FuncContext): GoTime => new GoTime(ctx.now().getTime(), "Local");

/** Sprig's date coercion: a time, or Unix seconds as int/int64; anything else means now. */
function toTime(v: Value, ctx: FuncContext, allowInt: boolean): GoTime {
  if (v instanceof GoTime) return v;
  if (allowInt && v instanceof GoInt && (v.type === "int" || v.type === "int64")) {
    return new GoTime(Number(v.value) * 1000, "Local");
  }
  return now(ctx);
}

function dateInZone(layout: string, date: Value, zone: string, ctx: FuncContext): string {
  const t = toTime(date, ctx, true);
  return formatGoTime(new GoTime(t.ms, resolveZone(zone)), layout);
}

const UNIT_NS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  "\u00b5s": 1e3,
  "\u03bcs": 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Go's `time.ParseDuration`, in nanoseconds; null when malformed. */
export function parseDuration(text: string): number | null {
  const neg = text.startsWith("-");
  const s = text.replace(/^[-+]/, "");
  if (s === "0") return 0;
  const re = /([0-9]*)(?:\.([0-9]*))?([^0-9.]+)/y;
  let total = 0;
  let at = 0;
  while (at < s.length) {
    re.lastIndex = at;
    const m = re.exec(s);
    const unit = m ? own(UNIT_NS, m[3] ?? "") : undefined;
    if (m === null || unit === undefined || (m[1] === "" && (m[2] ?? "") === "")) return null;
    total += Number(`${m[1] || "0"}.${m[2] ?? ""}0`) * unit;
    at = re.lastIndex;
  }
  return s === "" ? null : neg ? -total : total;
}

/** Go's `Duration.String` for a whole number of seconds. */
export function durationString(seconds: number): string {
  if (seconds === 0) return "0s";
  const abs = Math.abs(seconds);
  const [h, m, s] = [Math.floor(abs / 3600), Math.floor(abs / 60) % 60, abs % 60];
  const body = h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`;
  return (seconds < 0 ? "-" : "") + body;
}

function ago(date: Value, ctx: FuncContext): string {
  const elapsed = ctx.now().getTime() - toTime(date, ctx, true).ms;
  return durationString(Math.sign(elapsed) * Math.round(Math.abs(elapsed) / 1000));
}

function dateModify(spec: string, t: GoTime): GoTime {
  const ns = parseDuration(spec);
  return ns === null ? t : new GoTime(Math.round(t.ms + ns / 1e6), t.zone);
}

const inZone = fn(["string", "any", "string"], ([layout, d, zone], ctx) => dateInZone(layout, d, zone, ctx));
const modify = fn(["string", "time"], ([spec, t]) => dateModify(spec, t));

export const SPRIG_DATE_FUNCS: FuncTable = {
  now: fn([], (_, ctx) => now(ctx)),
  date: fn(["string", "any"], ([layout, d], ctx) => dateInZone(layout, d, "Local", ctx)),
  date_in_zone: inZone,
  dateInZone: inZone,
  htmlDate: fn(["any"], ([d], ctx) => dateInZone("2006-01-02", d, "Local", ctx)),
  htmlDateInZone: fn(["any", "string"], ([d, zone], ctx) => dateInZone("2006-01-02", d, zone, ctx)),
  date_modify: modify,
  dateModify: modify,
  ago: fn(["any"], ([d], ctx) => ago(d, ctx)),
  unixEpoch: fn(["time"], ([t]) => String(Math.floor(t.ms / 1000))),
};

const part = (
  f: (p: ReturnType<typeof timeParts>) => number,
  type: "int" | "time.Month" | "time.Weekday" = "int",
) => fn(["time"], ([t]) => new GoInt(type, BigInt(f(timeParts(t)))));

/** Methods of `time.Time` callable with field syntax; the receiver is the first parameter. */
export const TIME_METHODS: Readonly<Record<string, FuncDef>> = {
  Year: part((p) => p.year),
  Month: part((p) => p.month, "time.Month"),
  Day: part((p) => p.day),
  Hour: part((p) => p.hour),
  Minute: part((p) => p.minute),
  Second: part((p) => p.second),
  Nanosecond: part((p) => p.nanos),
  YearDay: part((p) => p.yearDay),
  Weekday: part((p) => p.weekday, "time.Weekday"),
  Unix: fn(["time"], ([t]) => int64(Math.floor(t.ms / 1000))),
  UnixMilli: fn(["time"], ([t]) => int64(t.ms)),
  UnixNano: fn(["time"], ([t]) => int64(BigInt(t.ms) * 1_000_000n)),
  Format: fn(["time", "string"], ([t, layout]) => formatGoTime(t, layout)),
  UTC: fn(["time"], ([t]) => new GoTime(t.ms, "UTC")),
  Local: fn(["time"], ([t]) => new GoTime(t.ms, "Local")),
  String: fn(["time"], ([t]) => timeString(t)),
};
