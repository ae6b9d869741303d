// Bad input to the deploying commands gets a clear error and no stack trace, before any cluster is contacted.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scratchFiles, trestle } from "./run-trestle.js";

const config = "apiVersion: skaffold/v4beta14\nkind: Config\nmanifests:\n  rawYaml: [k8s.yaml]\n";

describe("deploying commands: bad input", () => {
  it("apply without files is a usage error", () => {
    const dir = scratchFiles({ "skaffold.yaml": config });
    const result = trestle(["apply"], { cwd: dir });
    assert.equal(result.code, 127);
    assert.match(result.stderr, /trestle apply needs at least one manifest file/);
    assert.doesNotMatch(result.stderr, /at .*\.js:\d+/);
  });

  it("apply of a missing file names it", () => {
    const dir = scratchFiles({ "skaffold.yaml": config });
    const result = trestle(["apply", "nope.yaml"], { cwd: dir });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /cannot read .*nope\.yaml: no such file/);
  });

  it("deploy with a missing build.json names it", () => {
    const dir = scratchFiles({ "skaffold.yaml": config });
    const result = trestle(["deploy", "-a", "missing.json"], { cwd: dir });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /build artifacts file .*missing\.json does not exist/);
  });

  it("deploy.cloudrun is refused clearly", () => {
    const dir = scratchFiles({
      "skaffold.yaml": "apiVersion: skaffold/v4beta14\nkind: Config\ndeploy:\n  cloudrun: {}\n",
    });
    const result = trestle(["delete"], { cwd: dir });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /deploy\.cloudrun is not supported by Trestle/);
  });

  it("deploy.docker with useCompose is refused before anything runs", () => {
    const dir = scratchFiles({
      "skaffold.yaml":
        "apiVersion: skaffold/v4beta14\nkind: Config\ndeploy:\n  docker:\n    useCompose: true\n    images: [app]\n",
    });
    const result = trestle(["deploy", "-i", "app=app:1"], { cwd: dir });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /useCompose is not supported/);
    assert.match(result.stdout, /Nothing was applied\./);
  });

  it("dev without a skaffold.yaml says so, and how to point at one", () => {
    const dir = scratchFiles({ "README.md": "no config here\n" });
    const result = trestle(["dev"], { cwd: dir });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /config file .*skaffold\.yaml not found/);
    assert.match(result.stderr, /hint: .*-f <file>/);
    assert.doesNotMatch(result.stderr, /at .*\.js:\d+/);
  });

  it("dev with an unknown --trigger lists the choices", () => {
    const dir = scratchFiles({ "skaffold.yaml": config });
    const result = trestle(["dev", "--trigger=sometimes"], { cwd: dir });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /notify/);
    assert.match(result.stderr, /polling/);
    assert.doesNotMatch(result.stderr, /at .*\.js:\d+/);
  });
});
