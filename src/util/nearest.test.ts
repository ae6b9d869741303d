import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { editDistance, nearest } from "./nearest.js";

describe("nearest", () => {
  it("measures edit distance", () => {
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("", "abc"), 3);
  });
  it("suggests plausible typos only", () => {
    assert.equal(nearest("dockr", ["docker", "ko", "jib"]), "docker");
    assert.equal(nearest("Artifacts", ["artifacts", "tagPolicy"]), "artifacts");
    assert.equal(nearest("xyz", ["docker", "buildpacks"]), undefined);
  });
});
