import type { YamlMap } from "./types.js";

/** Shared building blocks for the per-version upgrade steps. Everything here works on plain parsed YAML. */

export function isMap(value: unknown): value is YamlMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function deepClone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepClone);
  if (isMap(value)) return cloneMap(value);
  return value;
}

export function cloneMap(map: YamlMap): YamlMap {
  const out: YamlMap = {};
  for (const [key, value] of Object.entries(map)) out[key] = deepClone(value);
  return out;
}

/** True for a key that is set to something other than null (Go decodes `key: null` as an absent pointer). */
export function isSet(map: YamlMap, key: string): boolean {
  return map[key] !== undefined && map[key] !== null;
}

export function mapAt(map: YamlMap | undefined, key: string): YamlMap | undefined {
  const value = map?.[key];
  return isMap(value) ? value : undefined;
}

export function listAt(map: YamlMap | undefined, key: string): unknown[] | undefined {
  const value = map?.[key];
  return Array.isArray(value) ? value : undefined;
}

export function stringAt(map: YamlMap | undefined, key: string): string | undefined {
  const value = map?.[key];
  return typeof value === "string" ? value : undefined;
}

/** A scalar as Go's `%v` prints it; anything else (null, mappings, lists) as `otherwise`. */
export function scalarText(value: unknown, otherwise = ""): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  return otherwise;
}

/** A non-empty list, as Go treats an empty slice like a missing one. */
export function nonEmptyList(value: unknown): unknown[] | undefined {
  return Array.isArray(value) && value.length > 0 ? value : undefined;
}

/**
 * Every mapping found at a dotted path below `root`. A segment ending in `[]` names a list whose mapping
 * entries are all visited; the empty path is `root` itself. Missing or ill-typed steps yield nothing.
 */
export function mapsAt(root: YamlMap, path: string): YamlMap[] {
  let current: YamlMap[] = [root];
  if (path === "") return current;
  for (const segment of path.split(".")) {
    const isList = segment.endsWith("[]");
    const key = isList ? segment.slice(0, -2) : segment;
    const next: YamlMap[] = [];
    for (const map of current) {
      const value = map[key];
      if (isList) {
        if (Array.isArray(value)) next.push(...value.filter(isMap));
      } else if (isMap(value)) {
        next.push(value);
      }
    }
    current = next;
  }
  return current;
}

/** Deletes a key chosen at run time. */
export function removeKey(map: YamlMap, key: string): void {
  Reflect.deleteProperty(map, key);
}

/** Moves `map[from]` to `map[to]` (replacing it) when `from` is present. */
export function renameKey(map: YamlMap, from: string, to: string): void {
  if (!(from in map)) return;
  map[to] = map[from];
  removeKey(map, from);
}

/** Copies the listed keys that are set in `map` (deep copies, in the listed order). */
export function pickKeys(map: YamlMap, keys: readonly string[]): YamlMap {
  const out: YamlMap = {};
  for (const key of keys) if (isSet(map, key)) out[key] = deepClone(map[key]);
  return out;
}

/** Keeps only the listed keys of `map`, in place. */
export function keepOnlyKeys(map: YamlMap, keys: readonly string[]): void {
  for (const key of Object.keys(map)) if (!keys.includes(key)) removeKey(map, key);
}

/**
 * Describes a field for error messages: `build.acr` in the main pipeline,
 * `build.acr in profile "dev"` (or `profiles[2]` when unnamed) inside a profile.
 */
export type FieldLabel = (field: string) => string;

/** Upgrades one pipeline in place: the top-level config or one entry of `profiles`. */
export type PipelineUpgrade = (pipeline: YamlMap, label: FieldLabel) => void;

export interface PipelineRef {
  readonly pipeline: YamlMap;
  readonly label: FieldLabel;
  /** Index in `profiles`, or undefined for the top-level pipeline. */
  readonly profileIndex: number | undefined;
}

/** The top-level pipeline followed by every profile (profiles inline the pipeline fields). */
export function pipelinesOf(config: YamlMap): PipelineRef[] {
  const refs: PipelineRef[] = [{ pipeline: config, label: (field) => field, profileIndex: undefined }];
  const profiles = listAt(config, "profiles") ?? [];
  profiles.forEach((profile, index) => {
    if (!isMap(profile)) return;
    const name = stringAt(profile, "name");
    const where = name === undefined ? `profiles[${index}]` : `profile "${name}"`;
    refs.push({ pipeline: profile, label: (field) => `${field} in ${where}`, profileIndex: index });
  });
  return refs;
}

/** Copies `config`, sets the next apiVersion, then applies each pipeline upgrade to every pipeline. */
export function upgradeStep(next: string, ...upgrades: PipelineUpgrade[]): (config: YamlMap) => YamlMap {
  return (config) => {
    const out = withVersion(config, next);
    for (const { pipeline, label } of pipelinesOf(out)) {
      for (const upgrade of upgrades) upgrade(pipeline, label);
    }
    return out;
  };
}

/** A step whose only change is the apiVersion. */
export function bumpOnly(next: string): (config: YamlMap) => YamlMap {
  return upgradeStep(next);
}

/** A deep copy of `config` carrying `apiVersion`. */
export function withVersion(config: YamlMap, apiVersion: string): YamlMap {
  const out = cloneMap(config);
  out.apiVersion = apiVersion;
  return out;
}

/** Renames `from` to `to` in every mapping at `path`. */
export function renameField(path: string, from: string, to: string): PipelineUpgrade {
  return (pipeline) => {
    for (const map of mapsAt(pipeline, path)) renameKey(map, from, to);
  };
}

/** Removes fields that the next version no longer has from every mapping at `path`. */
export function dropFields(path: string, ...keys: string[]): PipelineUpgrade {
  return (pipeline) => {
    for (const map of mapsAt(pipeline, path)) for (const key of keys) removeKey(map, key);
  };
}

/** Applies `fn` to every mapping at `path`. */
export function eachMapAt(path: string, fn: (map: YamlMap, label: FieldLabel) => void): PipelineUpgrade {
  return (pipeline, label) => {
    for (const map of mapsAt(pipeline, path)) fn(map, label);
  };
}

export const ARTIFACTS = "build.artifacts[]";
export const HELM_RELEASES = "deploy.helm.releases[]";
