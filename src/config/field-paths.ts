import type { DataPath } from "./yaml-document.js";

/** A value found in config data, with its path. */
export interface FieldHit {
  readonly path: DataPath;
  readonly value: unknown;
}

/**
 * Splits a field pattern such as `build.artifacts[].docker.buildArgs{}` into steps: a key, `[]` (each list
 * element) or `{}` (each mapping value; `*` is accepted too).
 */
function steps(pattern: string): string[] {
  return pattern
    .replaceAll("[]", ".[]")
    .replaceAll("{}", ".{}")
    .split(".")
    .filter((s) => s !== "")
    .map((s) => (s === "*" ? "{}" : s));
}

/** Every value of `data` that a field pattern names (nothing for absent fields). */
export function fieldsAt(data: unknown, pattern: string): FieldHit[] {
  let hits: FieldHit[] = [{ path: [], value: data }];
  for (const step of steps(pattern)) {
    const next: FieldHit[] = [];
    for (const hit of hits) {
      const value = hit.value;
      if (step === "[]") {
        if (Array.isArray(value))
          value.forEach((item: unknown, i) => next.push({ path: [...hit.path, i], value: item }));
      } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        const map = value as Record<string, unknown>;
        if (step === "{}")
          for (const [k, v] of Object.entries(map)) next.push({ path: [...hit.path, k], value: v });
        else if (map[step] !== undefined && map[step] !== null)
          next.push({ path: [...hit.path, step], value: map[step] });
      }
    }
    hits = next;
  }
  return hits;
}

/** Replaces every value a pattern names (in place) with `fn(value)`; used for templates and paths. */
export function updateFieldsAt(
  data: unknown,
  pattern: string,
  fn: (value: unknown, path: DataPath) => unknown,
): void {
  for (const hit of fieldsAt(data, pattern)) {
    const parentPath = hit.path.slice(0, -1);
    const key = hit.path[hit.path.length - 1];
    if (key === undefined) continue;
    let parent: unknown = data;
    for (const part of parentPath) parent = (parent as Record<string | number, unknown>)[part];
    (parent as Record<string | number, unknown>)[key] = fn(hit.value, hit.path);
  }
}
