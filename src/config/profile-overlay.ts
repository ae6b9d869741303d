import { PIPELINE_FIELDS, TAGGERS, BUILD_ENVIRONMENTS } from "./schema/index.js";
import type { YamlMap } from "./versions/types.js";

/**
 * How a profile's value for a field combines with the config's, mirroring Skaffold's reflection-based
 * overlay: `value` fields (Go non-pointer scalars) override only when non-zero; `replace` fields (Go
 * pointers, and lists when non-empty) replace wholesale; `struct` fields merge field by field; a struct's
 * `oneOf` members are exclusive, so a profile that sets one drops the others.
 */
type FieldShape = "value" | "replace" | StructShape;
interface StructShape {
  readonly fields: Readonly<Record<string, FieldShape>>;
  readonly oneOf?: readonly string[];
}

const hooks: StructShape = { fields: {} };

/** The part of the pipeline that is a tree of Go structs; every other field replaces. */
const pipelineShape: StructShape = {
  fields: {
    build: {
      fields: {
        hooks,
        tagPolicy: {
          fields: {},
          oneOf: TAGGERS,
        },
      },
      oneOf: BUILD_ENVIRONMENTS,
    },
    manifests: { fields: { hooks, output: "value" } },
    deploy: {
      fields: {
        statusCheckDeadlineSeconds: "value",
        tolerateFailuresUntilDeadline: "value",
        kubeContext: "value",
        logs: { fields: { prefix: "value", jsonParse: { fields: {} } } },
      },
    },
    resourceSelector: { fields: {} },
  },
};

function isMapping(value: unknown): value is YamlMap {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isZero(value: unknown): boolean {
  return value === undefined || value === null || value === false || value === 0 || value === "";
}

/** Whether a profile's value for a `replace` field is set: a non-null value, or a non-empty list. */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  return !Array.isArray(value) || value.length > 0;
}

function overlayStruct(config: unknown, profile: unknown, shape: StructShape): unknown {
  if (!isMapping(profile)) return config;
  const base: YamlMap = isMapping(config) ? { ...config } : {};
  const exclusive = shape.oneOf ?? [];
  const chosen = exclusive.find((key) => isSet(profile[key]));
  if (chosen !== undefined) {
    for (const key of exclusive) Reflect.deleteProperty(base, key);
    base[chosen] = profile[chosen];
  }
  for (const [key, value] of Object.entries(profile)) {
    if (exclusive.includes(key)) continue;
    const fieldShape = shape.fields[key] ?? "replace";
    let merged: unknown;
    if (fieldShape === "value") merged = isZero(value) ? base[key] : value;
    else if (fieldShape === "replace") merged = isSet(value) ? value : base[key];
    else merged = overlayStruct(base[key], value, fieldShape);
    if (merged === undefined) Reflect.deleteProperty(base, key);
    else base[key] = merged;
  }
  return base;
}

/** Overlays one profile's pipeline fields on a config (pure; returns a new config). */
export function overlayProfile(config: YamlMap, profile: YamlMap): YamlMap {
  const pipeline: YamlMap = {};
  for (const key of PIPELINE_FIELDS) if (key in profile) pipeline[key] = profile[key];
  const merged = overlayStruct(config, pipeline, pipelineShape);
  return isMapping(merged) ? merged : config;
}
