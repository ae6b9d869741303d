// Go's duration syntax (`time.ParseDuration`), as used by the probe-timeouts annotation: `600s`, `1m30s`,
// `1.5h`, `-2m`, `0`. Arithmetic is done in nanoseconds, as Go does, so `0.3m` is exactly 18 seconds.

const UNIT_NANOS: ReadonlyMap<string, number> = new Map([
  ["ns", 1],
  ["us", 1e3],
  ["\u00b5s", 1e3],
  ["\u03bcs", 1e3],
  ["ms", 1e6],
  ["s", 1e9],
  ["m", 60e9],
  ["h", 3600e9],
]);

const COMPONENT = /(\d*)(?:\.(\d*))?([^\d.]+)/y;

/** The duration in nanoseconds, or undefined when the text is not a Go duration. */
export function parseGoDuration(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    sign = rest.startsWith("-") ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") return undefined;
  let nanos = 0;
  COMPONENT.lastIndex = 0;
  while (COMPONENT.lastIndex < rest.length) {
    const match = COMPONENT.exec(rest);
    if (match === null) return undefined;
    const [, whole = "", fraction = "", unit = ""] = match;
    const scale = UNIT_NANOS.get(unit);
    if (scale === undefined || (whole === "" && fraction === "")) return undefined;
    nanos += Number(whole || "0") * scale;
    if (fraction !== "") nanos += Math.trunc(Number(fraction) * (scale / 10 ** fraction.length));
  }
  return sign * nanos;
}
