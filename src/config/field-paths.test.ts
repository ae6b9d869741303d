import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fieldsAt, updateFieldsAt } from "./field-paths.js";

const data = {
  build: { artifacts: [{ image: "a", docker: { buildArgs: { X: "1", Y: "2" } } }, { image: "b" }] },
};

describe("field paths", () => {
  it("finds values through lists and maps", () => {
    assert.deepEqual(
      fieldsAt(data, "build.artifacts[].image").map((h) => h.value),
      ["a", "b"],
    );
    assert.deepEqual(
      fieldsAt(data, "build.artifacts[].docker.buildArgs.*").map((h) => h.path),
      [
        ["build", "artifacts", 0, "docker", "buildArgs", "X"],
        ["build", "artifacts", 0, "docker", "buildArgs", "Y"],
      ],
    );
    assert.deepEqual(fieldsAt(data, "deploy.kubectl"), []);
  });
  it("updates values in place", () => {
    const copy = structuredClone(data);
    updateFieldsAt(copy, "build.artifacts[].image", (v) => `${String(v)}!`);
    assert.deepEqual(
      copy.build.artifacts.map((a) => a.image),
      ["a!", "b!"],
    );
  });
});
