import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { settingsFor, updateSetting } from "./global-config.js";

describe("global config", () => {
  const data = {
    global: { "default-repo": "global.io", "local-cluster": false },
    kubeContexts: [
      { "kube-context": "kind-.*", "local-cluster": true },
      { "kube-context": "prod", "default-repo": "prod.io" },
    ],
  };
  it("merges global settings with the first matching (regex) kube-context", () => {
    assert.deepEqual(settingsFor({ path: "x", data }, "kind-dev"), {
      "default-repo": "global.io",
      "local-cluster": true,
      "kube-context": "kind-.*",
    });
    assert.equal(settingsFor({ path: "x", data }, "prod")["default-repo"], "prod.io");
    assert.equal(settingsFor({ path: "x", data }, "other")["kube-context"], undefined);
  });
  it("sets, appends to lists and unsets, without mutating", () => {
    const set = updateSetting(data, { kubeContext: "k3s" }, "default-repo", "localhost:5000");
    assert.deepEqual((set["kubeContexts"] as unknown[])[2], {
      "kube-context": "k3s",
      "default-repo": "localhost:5000",
    });
    const listed = updateSetting(
      updateSetting(data, { global: true }, "insecure-registries", "a:5000"),
      { global: true },
      "insecure-registries",
      "b:5000",
    );
    assert.deepEqual((listed["global"] as Record<string, unknown>)["insecure-registries"], [
      "a:5000",
      "b:5000",
    ]);
    const flag = updateSetting(data, { global: true }, "local-cluster", "true");
    assert.equal((flag["global"] as Record<string, unknown>)["local-cluster"], true);
    const unset = updateSetting(data, { global: true }, "default-repo", undefined);
    assert.equal((unset["global"] as Record<string, unknown>)["default-repo"], undefined);
    assert.equal(data.global["default-repo"], "global.io");
  });
  it("rejects unknown keys, bad booleans and unsetting what is not set", () => {
    assert.throws(() => updateSetting(data, { global: true }, "colour", "x"), /unknown config key/);
    assert.throws(() => updateSetting(data, { global: true }, "local-cluster", "yes"), /true or false/);
    assert.throws(
      () => updateSetting(data, { global: true }, "debug-helpers-registry", undefined),
      /not set/,
    );
  });
});
