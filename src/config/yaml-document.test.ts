import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TrestleError } from "../errors/errors.js";
import { formatPath, parseYamlDocuments } from "./yaml-document.js";

const text = `apiVersion: skaffold/v4beta14
kind: Config
build:
  artifacts:
    - image: a
      docker:
        dockerfile: D
---
apiVersion: skaffold/v4beta14
kind: Config
metadata:
  name: second
---
`;

describe("parseYamlDocuments", () => {
  it("parses every document and skips empty ones", () => {
    const docs = parseYamlDocuments("s.yaml", text);
    assert.equal(docs.length, 2);
    assert.equal(docs[1]?.index, 1);
  });
  it("locates fields, keys and the nearest written ancestor", () => {
    const [doc] = parseYamlDocuments("s.yaml", text);
    assert.deepEqual(doc?.locate(["build", "artifacts", 0, "docker", "dockerfile"]), {
      file: "s.yaml",
      line: 7,
      column: 21,
      path: "build.artifacts[0].docker.dockerfile",
    });
    assert.deepEqual(doc?.locate(["build", "artifacts", 0, "docker"], true), {
      file: "s.yaml",
      line: 6,
      column: 7,
      path: "build.artifacts[0].docker",
    });
    assert.equal(doc?.locate(["build", "artifacts", 0, "nope", "deeper"]).line, 5);
  });
  it("reports syntax errors with line and column", () => {
    assert.throws(
      () => parseYamlDocuments("bad.yaml", "build:\n  artifacts: [\n"),
      (e: unknown) =>
        e instanceof TrestleError &&
        e.code === "CONFIG_YAML_SYNTAX" &&
        e.location?.file === "bad.yaml" &&
        typeof e.location.line === "number",
    );
    assert.throws(
      () => parseYamlDocuments("dup.yaml", "a: 1\na: 2\n"),
      (e: unknown) =>
        e instanceof TrestleError && /duplicate|unique/i.test(e.message) && e.location?.line === 2,
    );
  });
  it("formats paths", () => {
    assert.equal(formatPath(["build", "artifacts", 0, "image"]), "build.artifacts[0].image");
  });
});
