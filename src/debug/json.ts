// Small helpers for walking and editing parsed manifests (plain JSON-like objects of unknown shape).

/** A parsed YAML/JSON mapping. */
export type JsonObject = Record<string, unknown>;

/** True for a mapping (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The mapping under `key`, if there is one. */
export function objectAt(parent: JsonObject, key: string): JsonObject | undefined {
  const value = parent[key];
  return isObject(value) ? value : undefined;
}

/** The mapping under `key`, created (replacing a non-mapping) when missing. */
export function ensureObject(parent: JsonObject, key: string): JsonObject {
  const existing = objectAt(parent, key);
  if (existing !== undefined) return existing;
  const created: JsonObject = {};
  parent[key] = created;
  return created;
}

/** The mappings of the sequence under `key` (other items are ignored); empty when absent. */
export function objectsAt(parent: JsonObject, key: string): JsonObject[] {
  const value = parent[key];
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** Appends to the sequence under `key`, creating it (or replacing a non-sequence) when needed. */
export function appendTo(parent: JsonObject, key: string, items: readonly unknown[]): void {
  const value = parent[key];
  parent[key] = Array.isArray(value) ? [...(value as unknown[]), ...items] : [...items];
}

/** The string under `key`, if it is one. */
export function stringAt(parent: JsonObject, key: string): string | undefined {
  const value = parent[key];
  return typeof value === "string" ? value : undefined;
}
