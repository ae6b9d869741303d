import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse, parseAllDocuments } from "yaml";
import { repoRoot, scratchFiles, trestle } from "./run-trestle.js";

const fixtures = join(repoRoot, "test", "fixtures", "upgrade");
const goldens = readdirSync(fixtures)
  .filter((f) => f.endsWith(".input.yaml"))
  .map((f) => f.replace(/\.input\.yaml$/, ""))
  .sort();

const docsOf = (text: string): unknown[] => parseAllDocuments(text).map((d) => d.toJS() as unknown);

describe("trestle fix: golden upgrades", () => {
  it("has a golden file for every schema family", () => {
    for (const family of ["v1alpha", "v1beta", "v1", "v2alpha", "v2beta", "v3", "v4beta"]) {
      assert.ok(
        goldens.some((g) =>
          readFileSync(join(fixtures, `${g}.input.yaml`), "utf8").includes(`apiVersion: skaffold/${family}`),
        ),
        family,
      );
    }
  });
  for (const golden of goldens) {
    it(`upgrades ${golden} to the hand-checked result`, () => {
      const dir = scratchFiles({
        "skaffold.yaml": readFileSync(join(fixtures, `${golden}.input.yaml`), "utf8"),
      });
      const result = trestle(["fix"], { cwd: dir });
      assert.equal(result.code, 0, result.stderr);
      const expected = readFileSync(join(fixtures, `${golden}.expected.yaml`), "utf8");
      assert.deepEqual(docsOf(result.stdout), docsOf(expected));
    });
  }
});

describe("trestle fix: files", () => {
  const old =
    "apiVersion: skaffold/v2beta29\nkind: Config\nbuild:\n  artifacts:\n  - image: app\ndeploy:\n  kubectl:\n    manifests: [k8s/*.yaml]\n";

  it("overwrites atomically and keeps a backup", () => {
    const dir = scratchFiles({ "skaffold.yaml": old });
    const result = trestle(["fix", "--overwrite"], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /original is kept as .*skaffold\.yaml\.v2beta29\.bak/);
    assert.equal(readFileSync(join(dir, "skaffold.yaml.v2beta29.bak"), "utf8"), old);
    const upgraded = parse(readFileSync(join(dir, "skaffold.yaml"), "utf8")) as {
      apiVersion: string;
      manifests: { rawYaml: string[] };
    };
    assert.equal(upgraded.apiVersion, "skaffold/v4beta14");
    assert.deepEqual(upgraded.manifests.rawYaml, ["k8s/*.yaml"]);
    assert.deepEqual(
      readdirSync(dir).sort(),
      ["skaffold.yaml", "skaffold.yaml.v2beta29.bak"],
      "no temporary file left behind",
    );
  });

  it("writes to -o, stops at --version, and says when nothing is to do", () => {
    const dir = scratchFiles({ "skaffold.yaml": old });
    assert.equal(trestle(["fix", "-o", "new.yaml"], { cwd: dir }).code, 0);
    assert.ok(existsSync(join(dir, "new.yaml")));
    const v3 = trestle(["fix", "--version", "skaffold/v3"], { cwd: dir });
    assert.equal(v3.code, 0, v3.stderr);
    assert.match(v3.stdout, /^apiVersion: skaffold\/v3$/m);
    const latest = trestle(["fix"], {
      cwd: scratchFiles({ "skaffold.yaml": "apiVersion: skaffold/v4beta14\nkind: Config\n" }),
    });
    assert.equal(latest.code, 0);
    assert.equal(latest.stdout, "");
    assert.match(latest.stderr, /already version skaffold\/v4beta14/);
  });

  it("refuses to write a config that the latest schema rejects, leaving the file as it was", () => {
    const bad =
      "apiVersion: skaffold/v2beta29\nkind: Config\nbuild:\n  artifacts:\n  - image: app\n    dockr: {}\n";
    const dir = scratchFiles({ "skaffold.yaml": bad });
    const result = trestle(["fix", "--overwrite"], { cwd: dir });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /unknown field "dockr"/);
    assert.equal(readFileSync(join(dir, "skaffold.yaml"), "utf8"), bad);
    assert.deepEqual(readdirSync(dir), ["skaffold.yaml"]);
  });
});
