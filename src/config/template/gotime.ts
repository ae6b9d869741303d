/** Go `time.Time.Format` with Go reference layouts ("2006-01-02 15:04:05"), over JavaScript dates. */
import type { GoTime } from "./values.js";

const LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"].concat([
  "September",
  "October",
  "November",
  "December",
]);
const LONG_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

interface Fraction {
  readonly digits: "0" | "9";
  readonly n: number;
  readonly sep: string;
}

type Chunk = { readonly text: string } | { readonly std: string } | { readonly frac: Fraction };

/** Std chunks recognised at a position, longest first, keyed by their first character. */
const STD_BY_FIRST: Readonly<Record<string, readonly string[]>> = {
  J: ["January", "Jan"],
  M: ["Monday", "Mon", "MST"],
  "0": ["01", "02", "03", "04", "05", "06", "002"],
  "1": ["15", "1"],
  "2": ["2006", "2"],
  _: ["_2006", "__2", "_2"],
  "3": ["3"],
  "4": ["4"],
  "5": ["5"],
  P: ["PM"],
  p: ["pm"],
  "-": ["-070000", "-07:00:00", "-0700", "-07:00", "-07"],
  Z: ["Z070000", "Z07:00:00", "Z0700", "Z07:00", "Z07"],
};

const startsLower = (s: string, i: number): boolean => /[a-z]/.test(s[i] ?? "");

function stdAt(layout: string, i: number): Chunk[] | null {
  const c = layout[i] ?? "";
  if (c === "." || c === ",") {
    const d = layout[i + 1];
    if (d !== "0" && d !== "9") return null;
    let j = i + 1;
    while (layout[j] === d) j++;
    if (/[0-9]/.test(layout[j] ?? "")) return null;
    return [{ frac: { digits: d, n: j - i - 1, sep: c } }];
  }
  for (const std of STD_BY_FIRST[c] ?? []) {
    if (!layout.startsWith(std, i)) continue;
    if ((std === "Jan" || std === "Mon") && startsLower(layout, i + 3)) continue;
    if (std === "_2006") return [{ text: "_" }, { std: "2006" }];
    return [{ std }];
  }
  return null;
}

/** Splits a layout into literal text and std chunks, as Go's `nextStdChunk` does. */
function chunks(layout: string): Chunk[] {
  const out: Chunk[] = [];
  let text = "";
  for (let i = 0; i < layout.length;) {
    const found = stdAt(layout, i);
    if (found === null) {
      text += layout[i] ?? "";
      i++;
      continue;
    }
    if (text) out.push({ text });
    text = "";
    out.push(...found);
    i += found.reduce((n, ch) => n + chunkLength(ch), 0);
  }
  if (text) out.push({ text });
  return out;
}

function chunkLength(ch: Chunk): number {
  if ("text" in ch) return ch.text.length;
  if ("std" in ch) return ch.std.length;
  return ch.frac.n + 1;
}

export interface TimeParts {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number;
  readonly weekday: number; // 0 = Sunday
  readonly yearDay: number; // 1-366
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly nanos: number;
  readonly offsetSeconds: number;
  readonly zone: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    const options: Intl.DateTimeFormatOptions = {
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      timeZoneName: "short",
    };
    if (zone !== "Local") options.timeZone = zone;
    f = new Intl.DateTimeFormat("en-US", options);
    formatters.set(zone, f);
  }
  return f;
}

/** Go's `time.LoadLocation` fallback as Sprig uses it: unknown zones become UTC. */
export function resolveZone(zone: string): string {
  if (zone === "Local" || zone === "UTC") return zone;
  if (zone === "") return "UTC";
  try {
    const resolved = formatterFor(zone).resolvedOptions().timeZone;
    return resolved !== zone && resolved.toLowerCase() === zone.toLowerCase() ? "UTC" : zone;
  } catch {
    return "UTC";
  }
}

/** tzdata-style abbreviation: Intl's "GMT+5:30" becomes Go's "+0530". */
function abbreviation(name: string, offsetSeconds: number): string {
  if (!/^GMT[+-]/.test(name)) return name;
  const abs = Math.abs(offsetSeconds) / 60;
  const mm = abs % 60 === 0 ? "" : String(abs % 60).padStart(2, "0");
  return `${offsetSeconds < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}${mm}`;
}

/** Calendar fields of a time in its zone. */
export function timeParts(t: GoTime): TimeParts {
  const parts = formatterFor(t.zone).formatToParts(new Date(t.ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  const [year, month, day] = [get("year"), get("month"), get("day")];
  const [hour, minute, second] = [get("hour"), get("minute"), get("second")];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const offsetSeconds = Math.round((wall - Math.floor(t.ms / 1000) * 1000) / 1000);
  const zoneName = parts.find((p) => p.type === "timeZoneName")?.value ?? "";
  return {
    year,
    month,
    day,
    weekday: new Date(wall).getUTCDay(),
    yearDay: (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000 + 1,
    hour,
    minute,
    second,
    nanos: (((t.ms % 1000) + 1000) % 1000) * 1_000_000,
    offsetSeconds,
    zone: abbreviation(zoneName, offsetSeconds),
  };
}

const pad = (n: number, width: number, fill = "0"): string => String(n).padStart(width, fill);

function formatOffset(std: string, offsetSeconds: number): string {
  if (std.startsWith("Z") && offsetSeconds === 0) return "Z";
  const abs = Math.abs(offsetSeconds);
  const colon = std.includes(":");
  let out = (offsetSeconds < 0 ? "-" : "+") + pad(Math.floor(abs / 3600), 2);
  if (std.length > 3) out += (colon ? ":" : "") + pad(Math.floor(abs / 60) % 60, 2);
  if (std.endsWith("0000") || std.endsWith("00:00")) out += (colon ? ":" : "") + pad(abs % 60, 2);
  return out;
}

function formatStd(std: string, p: TimeParts): string {
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  const simple: Readonly<Record<string, string>> = {
    January: LONG_MONTHS[p.month - 1] ?? "",
    Jan: (LONG_MONTHS[p.month - 1] ?? "").slice(0, 3),
    Monday: LONG_DAYS[p.weekday] ?? "",
    Mon: (LONG_DAYS[p.weekday] ?? "").slice(0, 3),
    "01": pad(p.month, 2),
    "1": String(p.month),
    "02": pad(p.day, 2),
    "2": String(p.day),
    _2: pad(p.day, 2, " "),
    "002": pad(p.yearDay, 3),
    __2: pad(p.yearDay, 3, " "),
    "03": pad(hour12, 2),
    "3": String(hour12),
    "15": pad(p.hour, 2),
    "04": pad(p.minute, 2),
    "4": String(p.minute),
    "05": pad(p.second, 2),
    "5": String(p.second),
    "06": pad(((p.year % 100) + 100) % 100, 2),
    "2006": pad(p.year, 4),
    PM: p.hour >= 12 ? "PM" : "AM",
    pm: p.hour >= 12 ? "pm" : "am",
  };
  if (std === "MST") return p.zone || formatOffset("-0700", p.offsetSeconds);
  return simple[std] ?? formatOffset(std, p.offsetSeconds);
}

function formatFraction(f: Fraction, nanos: number): string {
  let digits = pad(nanos, 9).slice(0, f.n);
  if (f.digits === "9") digits = digits.replace(/0+$/, "");
  return digits === "" ? "" : f.sep + digits;
}

/** `t.Format(layout)`. */
export function formatGoTime(t: GoTime, layout: string): string {
  const p = timeParts(t);
  return chunks(layout)
    .map((ch) =>
      "text" in ch ? ch.text : "std" in ch ? formatStd(ch.std, p) : formatFraction(ch.frac, p.nanos),
    )
    .join("");
}

/** `t.String()` (without Go's monotonic-clock suffix). */
export const timeString = (t: GoTime): string => formatGoTime(t, "2006-01-02 15:04:05.999999999 -0700 MST");
