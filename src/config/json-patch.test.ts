import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyPatch } from "./json-patch.js";

const doc = { build: { artifacts: [{ image: "a", docker: { dockerfile: "Dockerfile" } }, { image: "b" }] } };

describe("applyPatch", () => {
  it("replaces (the default op)", () => {
    const out = applyPatch(doc, { path: "/build/artifacts/0/docker/dockerfile", value: "Dockerfile.dev" });
    assert.deepEqual(out, {
      build: { artifacts: [{ image: "a", docker: { dockerfile: "Dockerfile.dev" } }, { image: "b" }] },
    });
  });
  it("adds to objects, inserts into lists, appends with -", () => {
    assert.deepEqual(
      (
        applyPatch(doc, { op: "add", path: "/build/tagPolicy", value: { sha256: {} } }) as typeof doc & {
          build: { tagPolicy: unknown };
        }
      ).build.tagPolicy,
      { sha256: {} },
    );
    const inserted = applyPatch(doc, {
      op: "add",
      path: "/build/artifacts/1",
      value: { image: "x" },
    }) as typeof doc;
    assert.deepEqual(
      inserted.build.artifacts.map((a) => a.image),
      ["a", "x", "b"],
    );
    const appended = applyPatch(doc, {
      op: "add",
      path: "/build/artifacts/-",
      value: { image: "z" },
    }) as typeof doc;
    assert.deepEqual(
      appended.build.artifacts.map((a) => a.image),
      ["a", "b", "z"],
    );
  });
  it("removes, moves, copies and tests", () => {
    const removed = applyPatch(doc, { op: "remove", path: "/build/artifacts/0" }) as typeof doc;
    assert.deepEqual(removed.build.artifacts, [{ image: "b" }]);
    const moved = applyPatch(doc, {
      op: "move",
      from: "/build/artifacts/1",
      path: "/build/artifacts/0",
    }) as typeof doc;
    assert.deepEqual(
      moved.build.artifacts.map((a) => a.image),
      ["b", "a"],
    );
    const copied = applyPatch(doc, {
      op: "copy",
      from: "/build/artifacts/0/image",
      path: "/build/artifacts/1/image",
    }) as typeof doc;
    assert.deepEqual(
      copied.build.artifacts.map((a) => a.image),
      ["a", "a"],
    );
    assert.doesNotThrow(() => applyPatch(doc, { op: "test", path: "/build/artifacts/1/image", value: "b" }));
    assert.throws(
      () => applyPatch(doc, { op: "test", path: "/build/artifacts/1/image", value: "c" }),
      /test failed/,
    );
  });
  it("selects list elements by key=value", () => {
    const out = applyPatch(doc, { path: "/build/artifacts/image=b/image", value: "bb" }) as typeof doc;
    assert.deepEqual(
      out.build.artifacts.map((a) => a.image),
      ["a", "bb"],
    );
  });
  it("fails clearly on missing paths, bad indexes and unknown ops, without touching the input", () => {
    assert.throws(
      () => applyPatch(doc, { path: "/deploy/kubectl", value: {} }),
      /"deploy" does not exist|does not exist/,
    );
    assert.throws(
      () => applyPatch(doc, { op: "replace", path: "/build/artifacts/5/image", value: "x" }),
      /out of range/,
    );
    assert.throws(() => applyPatch(doc, { op: "remove", path: "/build/nope" }), /"nope" does not exist/);
    assert.throws(() => applyPatch(doc, { op: "merge", path: "/build" }), /unknown op "merge"/);
    assert.throws(() => applyPatch(doc, { op: "move", path: "/build/x" }), /needs a "from"/);
    assert.throws(() => applyPatch(doc, { path: "build" }), /must start with/);
    assert.equal(doc.build.artifacts[0]?.docker?.dockerfile, "Dockerfile");
  });
});
