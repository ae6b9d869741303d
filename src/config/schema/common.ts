/**
 * Building blocks shared by every part of the skaffold.yaml schema: Go scalar types as Skaffold's YAML decoder
 * (gopkg.in/yaml.v3 with known-fields checking) reads them, strict structs, maps and lists.
 *
 * Decoder facts mirrored here:
 * - a Go `string` field takes the source text of any scalar, so `DEBUG: 1` is the string "1";
 * - a Go `bool` field also takes the YAML 1.1 words `yes`/`no`/`on`/`off`/`y`/`n`;
 * - an explicit `null` leaves a struct field at its zero value, i.e. the same as leaving it out;
 * - unknown keys in a struct are an error.
 */
import { z } from "zod";

function scalarToString(value: unknown): unknown {
  return typeof value === "number" || typeof value === "boolean" || typeof value === "bigint"
    ? String(value)
    : value;
}

const YAML11_TRUE = new Set(["y", "Y", "yes", "Yes", "YES", "on", "On", "ON"]);
const YAML11_FALSE = new Set(["n", "N", "no", "No", "NO", "off", "Off", "OFF"]);

function yaml11Bool(value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (YAML11_TRUE.has(value)) return true;
  if (YAML11_FALSE.has(value)) return false;
  return value;
}

/** Skaffold's IntOrString reads the scalar text: digits become a number, anything else stays a string. */
function toIntOrString(value: unknown): unknown {
  if (typeof value === "string" && /^[+-]?\d+$/.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  if (typeof value === "boolean" || (typeof value === "number" && !Number.isInteger(value))) {
    return String(value);
  }
  return value;
}

function dropNullFields(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value);
  if (!entries.some(([, v]) => v === null)) return value;
  return Object.fromEntries(entries.filter(([, v]) => v !== null));
}

/** A Go struct: unknown keys are rejected and `key: null` counts as absent. */
export function struct<const S extends z.core.$ZodLooseShape>(shape: S) {
  return z.preprocess(dropNullFields, z.strictObject(shape));
}

/** An optional field with its description. */
export function opt<T extends z.ZodType>(schema: T, description: string) {
  return schema.optional().describe(description);
}

/** Go `string`: any scalar is accepted and kept as text. */
export const goString = z.preprocess(scalarToString, z.string());

/** A `yamltags:"required"` string: Skaffold rejects both a missing and an empty value. */
export const requiredString = z.preprocess(scalarToString, z.string().min(1, "required value not set"));

/** Go `bool` / `*bool`. */
export const goBool = z.preprocess(yaml11Bool, z.boolean());

/** Go `int` / `int64` / `*int`. */
export const goInt = z.number().int();

/** Skaffold's `util.IntOrString` (a port number or a port name). */
export const intOrString = z.preprocess(toIntOrString, z.union([z.number().int(), z.string()]));

/** Go `[]string`. */
export const stringList = z.array(goString);

/** Go `map[string]string`. */
export const stringMap = z.record(z.string(), goString);

/** Go `map[string]*string`: a `null` value is kept (for build args it means "take the value from the environment"). */
export const nullableStringMap = z.record(z.string(), goString.nullable());

/** Free-form YAML mapping (Helm values overrides and the like), passed through untouched. */
export const yamlMap = z.record(z.string(), z.unknown());

/** Any YAML value (a JSON-patch value). */
export const yamlValue = z.unknown();

/** Go's `%v` for a YAML scalar (`null` prints as `<nil>`, as in Skaffold). */
function goFormat(value: string | number | boolean | bigint | null): string {
  return value === null ? "<nil>" : String(value);
}

function flatten(value: unknown, prefix: string, out: Record<string, string>): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      flatten(item, `${prefix}[${i}]`, out);
    });
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix === "" ? k : `${prefix}.${k}`, out);
  } else {
    out[prefix] = goFormat(value as string | number | boolean | bigint | null);
  }
}

/**
 * Skaffold's `util.FlatMap`: nested YAML is flattened to dotted keys (`a.b`, `list[0]`) with text values, the form
 * `helm --set` expects.
 */
export const flatMap = yamlMap.transform((value) => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) flatten(v, k, out);
  return out;
});

/** `paths` + `ignore`, the file-watch shape shared by builder and test dependencies. */
export const watchedPathsShape = {
  paths: opt(stringList, "Files (globs relative to the context) to watch for rebuilds and sync."),
  ignore: opt(stringList, "Globs excluded from `paths`; an ignored file triggers neither rebuild nor sync."),
};

/** The `command` dependency source shared by custom builders and custom tests. */
export const dependencyCommand = opt(
  goString,
  "Command run to list the dependencies; it must print a JSON array of paths.",
);
