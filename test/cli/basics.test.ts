import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { repoRoot, scratchFiles, trestle } from "./run-trestle.js";

const HEAD = "apiVersion: skaffold/v4beta14\nkind: Config\n";

describe("the trestle command line", () => {
  it("prints its version", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
    const result = trestle(["version"]);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, `v${pkg.version}\n`);
    assert.equal(trestle(["version", "-o", "{{.Version}}!"]).stdout, `v${pkg.version}!\n`);
  });

  it("lists every command in --help, and explains each command", () => {
    const help = trestle(["--help"]);
    assert.equal(help.code, 0);
    for (const command of [
      "build",
      "run",
      "dev",
      "debug",
      "deploy",
      "render",
      "delete",
      "apply",
      "diagnose",
      "fix",
      "schema",
      "init",
      "inspect",
      "version",
      "config",
    ]) {
      assert.match(help.stdout, new RegExp(`^  ${command}\\s`, "m"), command);
    }
    assert.match(help.stdout, /TRESTLE_<FLAG>/);
    const dev = trestle(["dev", "--help"]);
    assert.equal(dev.code, 0);
    assert.match(dev.stdout, /--trigger/);
    assert.match(dev.stdout, /--port-forward list\s+Port-forward modes.*\(default user\)/);
    assert.match(dev.stdout, /-p, --profile/);
  });

  it("says which commands are not implemented yet", () => {
    for (const command of ["init"]) {
      const result = trestle([command]);
      assert.equal(result.code, 2, command);
      assert.match(result.stderr, new RegExp(`'trestle ${command}' is not implemented yet`));
      assert.match(result.stderr, /planned in issue #\d/);
    }
  });

  it("takes flags from TRESTLE_ and SKAFFOLD_ environment variables", () => {
    const dir = scratchFiles({ "other.yaml": `${HEAD}metadata: {name: from-env}\n` });
    const viaSkaffold = trestle(["inspect", "modules", "list"], {
      cwd: dir,
      env: { SKAFFOLD_FILENAME: "other.yaml" },
    });
    assert.equal(viaSkaffold.code, 0, viaSkaffold.stderr);
    assert.match(viaSkaffold.stdout, /"name":"from-env"/);
    const viaTrestle = trestle(["inspect", "modules", "list"], {
      cwd: dir,
      env: { TRESTLE_FILENAME: "other.yaml", SKAFFOLD_FILENAME: "missing.yaml" },
    });
    assert.equal(viaTrestle.code, 0, viaTrestle.stderr);
  });

  it("runs the command line in SKAFFOLD_CMDLINE when given no arguments", () => {
    const result = trestle([], { env: { SKAFFOLD_CMDLINE: "version" } });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^v\d/);
  });
});

describe("trestle schema", () => {
  it("lists the 72 published apiVersions, oldest first", () => {
    const result = trestle(["schema", "list"]);
    assert.equal(result.code, 0);
    const lines = result.stdout.trim().split("\n");
    assert.equal(lines.length, 72);
    assert.equal(lines[0], "skaffold/v1alpha1");
    assert.equal(lines.at(-1), "skaffold/v4beta14");
    const json = JSON.parse(trestle(["schema", "list", "-o", "json"]).stdout) as { versions: string[] };
    assert.deepEqual(json.versions, lines);
  });

  it("prints the JSON Schema of the latest version", () => {
    const result = trestle(["schema", "get", "skaffold/v4beta14"]);
    assert.equal(result.code, 0);
    const schema = JSON.parse(result.stdout) as { properties?: Record<string, unknown> };
    for (const key of ["apiVersion", "kind", "build", "manifests", "deploy", "profiles", "requires"])
      assert.ok(schema.properties?.[key], key);
    assert.equal(trestle(["schema", "get"]).stdout, result.stdout);
    const old = trestle(["schema", "get", "v1beta2"]);
    assert.equal(old.code, 1);
    assert.match(old.stderr, /JSON Schema of skaffold\/v4beta14 only/);
  });
});

describe("docs/cli.md", () => {
  it("matches the CLI's --help output", () => {
    const check = spawnSync(process.execPath, [join(repoRoot, "scripts", "gen-cli-docs.mjs"), "--check"], {
      encoding: "utf8",
    });
    assert.equal(check.status, 0, check.stderr);
  });
});
