/** Small helpers for reading and writing plain parsed-YAML data without `any`. */
export type DataMap = Record<string, unknown>;

export function isMap(value: unknown): value is DataMap {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The mapping under `key`, created (and stored) when absent. */
export function mapAt(parent: DataMap, key: string): DataMap {
  const current = parent[key];
  if (isMap(current)) return current;
  const created: DataMap = {};
  parent[key] = created;
  return created;
}

/** The mappings of a list under `key` (non-mapping entries skipped). */
export function mapsIn(parent: DataMap, key: string): DataMap[] {
  const list = parent[key];
  return Array.isArray(list) ? list.filter(isMap) : [];
}

export function setDefault(target: DataMap, key: string, value: unknown): void {
  const current = target[key];
  if (current === undefined || current === null || current === "") target[key] = value;
}

export function hasAny(target: DataMap, keys: readonly string[]): boolean {
  return keys.some((k) => target[k] !== undefined && target[k] !== null);
}
