import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { z } from "zod";
import {
  FILEPATH_FIELDS,
  ONE_OF_GROUPS,
  PIPELINE_FIELDS,
  profileSchema,
  skaffoldConfigSchema,
  TEMPLATE_FIELDS,
} from "./index.js";

type Schema = z.core.$ZodType;

/** Looks through optional, nullable and preprocess/transform wrappers. */
function unwrap(schema: Schema): Schema {
  const def = schema._zod.def as z.core.$ZodTypeDef & {
    innerType?: Schema;
    in?: Schema;
    out?: Schema;
  };
  if ((def.type === "optional" || def.type === "nullable") && def.innerType) return unwrap(def.innerType);
  if (def.type === "pipe" && def.in && def.out) {
    return unwrap(def.in._zod.def.type === "transform" ? def.out : def.in);
  }
  return schema;
}

function child(schema: Schema, step: string): Schema | undefined {
  const def = unwrap(schema)._zod.def as z.core.$ZodTypeDef & {
    shape?: Record<string, Schema>;
    element?: Schema;
    valueType?: Schema;
  };
  if (step === "[]") return def.type === "array" ? def.element : undefined;
  if (step === "*") return def.type === "record" ? def.valueType : undefined;
  return def.type === "object" ? def.shape?.[step] : undefined;
}

/** The schema a metadata path pattern names, or undefined when the pattern does not exist. */
function resolve(pattern: string): Schema | undefined {
  const steps = pattern.replaceAll("[]", ".[]").split(".");
  let schema: Schema | undefined = skaffoldConfigSchema;
  for (const step of steps) schema = schema && child(schema, step);
  return schema;
}

function typeAt(pattern: string): string | undefined {
  const schema = resolve(pattern);
  return schema && unwrap(schema)._zod.def.type;
}

void describe("metadata path patterns", () => {
  void it("name existing string fields (FILEPATH_FIELDS, TEMPLATE_FIELDS)", () => {
    for (const pattern of [...FILEPATH_FIELDS, ...TEMPLATE_FIELDS]) {
      // helm setValues are free-form YAML that the schema flattens to text
      const expected = /\.setValue(Template)?s\.\*$/.test(pattern) ? "unknown" : "string";
      assert.equal(typeAt(pattern), expected, pattern);
    }
  });

  void it("name existing mappings holding every key of their oneOf group", () => {
    for (const group of ONE_OF_GROUPS) {
      assert.equal(typeAt(group.path), "object", group.path);
      for (const key of group.keys) assert.ok(typeAt(`${group.path}.${key}`), `${group.path}.${key}`);
    }
  });

  void it("are unique", () => {
    assert.equal(new Set(FILEPATH_FIELDS).size, FILEPATH_FIELDS.length);
    assert.equal(new Set(TEMPLATE_FIELDS).size, TEMPLATE_FIELDS.length);
    assert.equal(new Set(ONE_OF_GROUPS.map((g) => g.path)).size, ONE_OF_GROUPS.length);
  });
});

void describe("PIPELINE_FIELDS", () => {
  void it("are the keys shared by a config and a profile", () => {
    const top = unwrap(skaffoldConfigSchema)._zod.def as z.core.$ZodObjectDef;
    const profile = unwrap(profileSchema)._zod.def as z.core.$ZodObjectDef;
    const shared = Object.keys(top.shape).filter((k) => k in profile.shape);
    assert.deepEqual(shared, [...PIPELINE_FIELDS]);
  });
});
