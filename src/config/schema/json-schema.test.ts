import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { latestJsonSchema } from "./json-schema.js";

type Json = Record<string, unknown>;

function definition(schema: Json, name: string): Json {
  const definitions = schema["definitions"] as Record<string, Json> | undefined;
  const def = definitions?.[name];
  assert.ok(def, `definition ${name}`);
  return def;
}

void describe("latestJsonSchema", () => {
  const schema = latestJsonSchema();

  void it("is a serialisable draft-07 schema", () => {
    assert.equal(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert.doesNotThrow(() => JSON.stringify(schema));
  });

  void it("requires apiVersion and kind and rejects unknown top-level keys", () => {
    assert.deepEqual(schema["required"], ["apiVersion", "kind"]);
    assert.equal(schema["additionalProperties"], false);
    const properties = schema["properties"] as Record<string, Json>;
    assert.equal(properties["apiVersion"]?.["const"], "skaffold/v4beta14");
    assert.equal(typeof properties["build"]?.["description"], "string");
  });

  void it("describes nested strict structs as named definitions", () => {
    const artifact = definition(schema, "Artifact");
    assert.equal(artifact["additionalProperties"], false);
    assert.deepEqual(artifact["required"], ["image"]);
    const properties = artifact["properties"] as Record<string, Json>;
    assert.equal(typeof properties["docker"]?.["description"], "string");
    assert.equal(definition(schema, "HelmRelease")["additionalProperties"], false);
  });

  void it("keeps integers free of the safe-integer bounds", () => {
    const localBuild = definition(schema, "LocalBuild")["properties"] as Record<string, Json>;
    assert.deepEqual(Object.keys(localBuild["concurrency"] ?? {}).sort(), ["description", "type"]);
  });
});
