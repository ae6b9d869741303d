/**
 * The runtime value model: a small mirror of the Go values that reach a Skaffold template.
 * `null` stands for Go's invalid `reflect.Value` / nil interface (printed as `<no value>` by an action).
 */

/** Go integer types that templates can produce. `time.Month`/`time.Weekday` print as names. */
export type IntType = "int" | "int64" | "uint8" | "time.Month" | "time.Weekday";

export class GoInt {
  constructor(
    readonly type: IntType,
    readonly value: bigint,
  ) {}
}

export class GoFloat {
  constructor(readonly value: number) {}
}

/** A Go slice; `elem` is the element type name (`interface {}`, `string`, `int`). */
export class GoList {
  constructor(
    readonly elem: string,
    readonly items: readonly Value[],
  ) {}
}

/** A Go map with string keys; mutable because Sprig's `set`/`unset` mutate in place. */
export class GoMap {
  constructor(
    readonly elem: "string" | "interface {}",
    readonly entries: Map<string, Value>,
  ) {}
}

/** A Go `time.Time` with millisecond precision; `zone` is "Local", "UTC" or an IANA zone name. */
export class GoTime {
  constructor(
    readonly ms: number,
    readonly zone: string,
  ) {}
}

export type Value = null | string | boolean | GoInt | GoFloat | GoList | GoMap | GoTime;

export const int = (n: number | bigint): GoInt => new GoInt("int", BigInt(n));
export const int64 = (n: number | bigint): GoInt => new GoInt("int64", BigInt.asIntN(64, BigInt(n)));
export const float = (n: number): GoFloat => new GoFloat(n);
export const list = (items: readonly Value[], elem = "interface {}"): GoList => new GoList(elem, items);
export const strList = (items: readonly string[]): GoList => new GoList("string", items);
export const dict = (entries: Iterable<readonly [string, Value]> = []): GoMap =>
  new GoMap("interface {}", new Map(entries));

/** Go's `%T` of a value. */
export function typeName(v: Value): string {
  if (v === null) return "<nil>";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (v instanceof GoInt) return v.type;
  if (v instanceof GoFloat) return "float64";
  if (v instanceof GoList) return `[]${v.elem}`;
  if (v instanceof GoMap) return `map[string]${v.elem}`;
  return "time.Time";
}

/** Go's `reflect.Kind` name of a value (Sprig `kindOf`). */
export function kindName(v: Value): string {
  if (v === null) return "invalid";
  if (v instanceof GoInt) return v.type.startsWith("time.") ? "int" : v.type;
  if (v instanceof GoList) return "slice";
  if (v instanceof GoMap) return "map";
  if (v instanceof GoTime) return "struct";
  return typeName(v);
}

/** `text/template`'s truth: non-zero numbers, non-empty strings/slices/maps, true, any struct. */
export function isTrue(v: Value): boolean {
  if (v === null) return false;
  if (typeof v === "string") return v.length > 0;
  if (typeof v === "boolean") return v;
  if (v instanceof GoInt) return v.value !== 0n;
  if (v instanceof GoFloat) return v.value !== 0;
  if (v instanceof GoList) return v.items.length > 0;
  if (v instanceof GoMap) return v.entries.size > 0;
  return true;
}

/** The UTF-8 byte length of a Go string. */
export const byteLength = (s: string): number => Buffer.byteLength(s, "utf8");

/** Go string slicing `s[start:end]` on UTF-8 bytes; split characters become U+FFFD as in a Go print. */
export function byteSlice(s: string, start: number, end?: number): string {
  return Buffer.from(s, "utf8").subarray(start, end).toString("utf8");
}

/** Go `reflect.DeepEqual` on the value model. */
export function deepEqual(a: Value, b: Value): boolean {
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if (typeName(a) !== typeName(b)) return false;
  if (a instanceof GoInt && b instanceof GoInt) return a.value === b.value;
  if (a instanceof GoFloat && b instanceof GoFloat) return a.value === b.value;
  if (a instanceof GoTime && b instanceof GoTime) return a.ms === b.ms && a.zone === b.zone;
  if (a instanceof GoList && b instanceof GoList) {
    return a.items.length === b.items.length && a.items.every((x, i) => deepEqual(x, b.items[i] ?? null));
  }
  if (a instanceof GoMap && b instanceof GoMap) {
    if (a.entries.size !== b.entries.size) return false;
    for (const [k, v] of a.entries) {
      if (!b.entries.has(k) || !deepEqual(v, b.entries.get(k) ?? null)) return false;
    }
    return true;
  }
  return false;
}

/** Map keys in Go's `fmtsort` order (byte-wise for strings). */
export function sortedKeys(m: GoMap): string[] {
  return [...m.entries.keys()].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
}

/** Own-property lookup in a lookup table (never reaches `Object.prototype`). */
export const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;
