import { latestJsonSchema } from "./schema/json-schema.js";
import type { DataPath } from "./yaml-document.js";

type JsonSchema = Record<string, unknown>;

function asSchema(value: unknown): JsonSchema | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as JsonSchema)
    : undefined;
}

function resolveRef(root: JsonSchema, schema: JsonSchema): JsonSchema {
  const ref = schema["$ref"];
  if (typeof ref !== "string" || !ref.startsWith("#/")) return schema;
  let target: unknown = root;
  for (const part of ref.slice(2).split("/")) target = asSchema(target)?.[part];
  return asSchema(target) ?? schema;
}

/** Every alternative a schema node stands for (anyOf/oneOf/allOf flattened, refs resolved). */
function alternatives(root: JsonSchema, schema: JsonSchema): JsonSchema[] {
  const resolved = resolveRef(root, schema);
  const branches = [resolved["anyOf"], resolved["oneOf"], resolved["allOf"]].flatMap((b) =>
    Array.isArray(b) ? b.map(asSchema).filter((s): s is JsonSchema => s !== undefined) : [],
  );
  return branches.length === 0 ? [resolved] : branches.flatMap((b) => alternatives(root, b));
}

function step(root: JsonSchema, schemas: JsonSchema[], part: string | number): JsonSchema[] {
  return schemas.flatMap((schema) =>
    alternatives(root, schema).flatMap((alt) => {
      const next =
        typeof part === "number"
          ? asSchema(alt["items"])
          : (asSchema(asSchema(alt["properties"])?.[part]) ?? asSchema(alt["additionalProperties"]));
      return next ? [next] : [];
    }),
  );
}

let cached: JsonSchema | undefined;

/** The field names the latest schema allows in the mapping at `path` (for "did you mean" hints). */
export function knownKeysAt(path: DataPath): string[] {
  cached ??= latestJsonSchema() as JsonSchema;
  const root = cached;
  let schemas = [root];
  for (const part of path) schemas = step(root, schemas, part);
  const keys = new Set<string>();
  for (const schema of schemas) {
    for (const alt of alternatives(root, schema)) {
      for (const key of Object.keys(asSchema(alt["properties"]) ?? {})) keys.add(key);
    }
  }
  return [...keys].sort();
}
