import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Artifact } from "../config/schema/index.js";
import { dependentsOf, requirementsOf, topologicalOrder } from "./scheduler-graph.js";

const artifact = (image: string, ...requires: string[]): { artifact: Artifact } => ({
  artifact: { image, requires: requires.map((r) => ({ image: r })) },
});
const images = (items: readonly { artifact: Artifact }[]) => items.map((i) => i.artifact.image);

describe("requirementsOf", () => {
  it("defaults the alias to the image", () => {
    const a: Artifact = {
      image: "app",
      requires: [{ image: "base" }, { image: "gcr.io/x/tools", alias: "TOOLS" }],
    };
    assert.deepEqual(requirementsOf(a), [
      { image: "base", alias: "base" },
      { image: "gcr.io/x/tools", alias: "TOOLS" },
    ]);
    assert.deepEqual(requirementsOf({ image: "solo" }), []);
  });
});

describe("topologicalOrder", () => {
  it("puts requirements first and keeps the given order otherwise", () => {
    const items = [
      artifact("app", "lib", "base"),
      artifact("other"),
      artifact("lib", "base"),
      artifact("base"),
    ];
    assert.deepEqual(images(topologicalOrder(items)), ["base", "lib", "app", "other"]);
  });

  it("ignores requirements outside the set", () => {
    assert.deepEqual(images(topologicalOrder([artifact("app", "elsewhere")])), ["app"]);
  });

  it("reports a cycle", () => {
    assert.throws(() => topologicalOrder([artifact("a", "b"), artifact("b", "a")]), {
      code: "BUILD_DEPENDENCY_CYCLE",
      message: "cycle in artifact dependencies: a → b → a",
    });
  });
});

describe("dependentsOf", () => {
  it("finds direct and indirect dependents only", () => {
    const items = [artifact("base"), artifact("lib", "base"), artifact("app", "lib"), artifact("other")];
    assert.deepEqual([...dependentsOf("base", items)].sort(), ["app", "lib"]);
    assert.deepEqual([...dependentsOf("app", items)], []);
  });
});
