import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { scratchFiles, trestle } from "./run-trestle.js";

describe("trestle config", () => {
  it("sets, lists and unsets per kube-context and global settings", () => {
    const home = scratchFiles({
      ".kube/config":
        "apiVersion: v1\nkind: Config\ncurrent-context: k3s-test\ncontexts:\n- name: k3s-test\n  context: {cluster: c, user: u}\n",
    });
    const env = { HOME: home };
    assert.equal(trestle(["config", "set", "default-repo", "localhost:5000"], { env }).code, 0);
    assert.equal(trestle(["config", "set", "-g", "insecure-registries", "localhost:5000"], { env }).code, 0);
    assert.equal(
      trestle(["config", "set", "--kube-context", "other", "local-cluster", "true"], { env }).code,
      0,
    );
    const file = parse(readFileSync(join(home, ".trestle", "config"), "utf8")) as Record<string, unknown>;
    assert.deepEqual(file, {
      global: { "insecure-registries": ["localhost:5000"] },
      kubeContexts: [
        { "kube-context": "k3s-test", "default-repo": "localhost:5000" },
        { "kube-context": "other", "local-cluster": true },
      ],
    });
    const list = trestle(["config", "list"], { env });
    assert.equal(list.code, 0);
    assert.match(list.stdout, /default-repo: localhost:5000/);
    assert.match(list.stdout, /insecure-registries:\n {2}- localhost:5000/);
    assert.equal(trestle(["config", "unset", "default-repo"], { env }).code, 0);
    assert.doesNotMatch(trestle(["config", "list"], { env }).stdout, /default-repo/);
    const bad = trestle(["config", "set", "colour", "blue"], { env });
    assert.equal(bad.code, 127);
    assert.match(bad.stderr, /unknown config key "colour"/);
  });

  it("reads ~/.skaffold/config when Trestle has none of its own", () => {
    const home = scratchFiles({ ".skaffold/config": "global:\n  default-repo: from-skaffold.io\n" });
    const list = trestle(["config", "list", "-g"], { env: { HOME: home } });
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /default-repo: from-skaffold\.io/);
  });
});
