import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { formatBuildJson, parseBuildJson, readBuildArtifacts, writeBuildJson } from "./build-json.js";

const dir = mkdtempSync(join(tmpdir(), "trestle-build-json-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const problem = (text: string): string => {
  try {
    parseBuildJson(text, "build.json");
    return "ok";
  } catch (error) {
    return (error as Error).message;
  }
};

describe("formatBuildJson", () => {
  it("writes Skaffold's bytes: compact, Go's field order, no trailing newline", () => {
    const text = formatBuildJson([
      { imageName: "app", tag: "app:v1@sha256:aa" },
      { imageName: "web", tag: "web:v2", runtimeType: "nodejs" },
    ]);
    assert.equal(
      text,
      '{"builds":[{"imageName":"app","tag":"app:v1@sha256:aa"},{"imageName":"web","tag":"web:v2","runtimeType":"nodejs"}]}',
    );
  });

  it("does not escape HTML characters but escapes U+2028, as Go's encoder does", () => {
    assert.equal(
      formatBuildJson([{ imageName: "a<b>&", tag: "t\u2028" }]),
      '{"builds":[{"imageName":"a<b>&","tag":"t\\u2028"}]}',
    );
  });
});

describe("parseBuildJson", () => {
  it("reads what Skaffold writes, and round-trips", () => {
    const entries = [
      { imageName: "app", tag: "app:v1" },
      { imageName: "web", tag: "web:v2", runtimeType: "go" },
    ];
    assert.deepEqual(parseBuildJson(formatBuildJson(entries), "build.json"), entries);
  });

  it("matches field names case-insensitively and ignores unknown fields, as Go does", () => {
    const text = '{"Builds":[{"IMAGENAME":"app","Tag":"app:v1","extra":1}],"other":true}';
    assert.deepEqual(parseBuildJson(text, "build.json"), [{ imageName: "app", tag: "app:v1" }]);
  });

  it("reads null and missing builds as none", () => {
    assert.deepEqual(parseBuildJson('{"builds":null}', "f"), []);
    assert.deepEqual(parseBuildJson("{}", "f"), []);
    assert.deepEqual(parseBuildJson("null", "f"), []);
  });

  it("names the file, the place and the problem", () => {
    assert.match(problem('{"builds":[}'), /^build\.json: not valid JSON at line 1, column 12: /);
    assert.equal(problem("[]"), 'build.json: the top level must be an object with "builds", not an array');
    assert.equal(problem('{"builds":{}}'), 'build.json: "builds" must be an array, not an object');
    assert.equal(problem('{"builds":["app"]}'), "build.json: builds[0] must be an object, not a string");
    assert.equal(
      problem('{"builds":[{"imageName":"a","tag":1}]}'),
      "build.json: builds[0].tag must be a string, not a number",
    );
    assert.equal(problem('{"builds":[{"tag":"a:1"}]}'), "build.json: builds[0] has no imageName");
    assert.equal(
      problem('{"builds":[{"imageName":"a","tag":"a:1"},{"imageName":"b"}]}'),
      "build.json: no tag provided for image [b] (builds[1])",
    );
  });

  it("reports bad files as user errors with a hint", () => {
    assert.throws(() => parseBuildJson("{", "x.json"), {
      code: "BUILD_ARTIFACTS_INVALID",
      kind: "user",
      hint: /build --file-output/,
    });
  });
});

describe("reading and writing files", () => {
  it("writes --file-output and reads it back with --build-artifacts", async () => {
    const file = join(dir, "build.json");
    await writeBuildJson(file, [{ imageName: "app", tag: "app:v1" }]);
    assert.equal(readFileSync(file, "utf8"), '{"builds":[{"imageName":"app","tag":"app:v1"}]}');
    assert.deepEqual(await readBuildArtifacts(file), [{ imageName: "app", tag: "app:v1" }]);
  });

  it("reads - from standard input", async () => {
    const input = { readStdin: () => Promise.resolve('{"builds":[{"imageName":"x","tag":"x:1"}]}') };
    assert.deepEqual(await readBuildArtifacts("-", input), [{ imageName: "x", tag: "x:1" }]);
    const bad = { readStdin: () => Promise.resolve("nope") };
    await assert.rejects(readBuildArtifacts("-", bad), { message: /^standard input: not valid JSON/ });
  });

  it("says when the file is missing or is not a file", async () => {
    await assert.rejects(readBuildArtifacts(join(dir, "missing.json")), {
      code: "BUILD_ARTIFACTS_NOT_FOUND",
      message: `build artifacts file ${join(dir, "missing.json")} does not exist`,
    });
    await assert.rejects(readBuildArtifacts(dir), { code: "BUILD_ARTIFACTS_UNREADABLE" });
  });

  it("reads a file with a byte-order mark or trailing newline", async () => {
    const file = join(dir, "edited.json");
    writeFileSync(file, '\uFEFF{"builds":[{"imageName":"a","tag":"a:1"}]}\n');
    assert.deepEqual(await readBuildArtifacts(file), [{ imageName: "a", tag: "a:1" }]);
  });
});
