import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import type { YamlMap } from "./types.js";
import { LATEST_API_VERSION, findVersion, schemaVersions, upgradeConfig } from "./index.js";

// Skaffold's pkg/skaffold/schema/versions.go: every version it accepts, oldest first.
const SKAFFOLD_ORDER = [
  ...["v1alpha1", "v1alpha2", "v1alpha3", "v1alpha4", "v1alpha5"],
  ...Array.from({ length: 17 }, (_, i) => `v1beta${i + 1}`),
  "v1",
  ...["v2alpha1", "v2alpha2", "v2alpha3", "v2alpha4"],
  ...Array.from({ length: 29 }, (_, i) => `v2beta${i + 1}`),
  "v3alpha1",
  "v3",
  ...Array.from({ length: 14 }, (_, i) => `v4beta${i + 1}`),
].map((version) => `skaffold/${version}`);

describe("schemaVersions", () => {
  it("lists Skaffold's versions in release order, oldest first", () => {
    assert.equal(schemaVersions.length, 72);
    assert.deepEqual(
      schemaVersions.map((version) => version.apiVersion),
      SKAFFOLD_ORDER,
    );
    assert.equal(schemaVersions[0]?.apiVersion, "skaffold/v1alpha1");
    assert.equal(schemaVersions.at(-1)?.apiVersion, LATEST_API_VERSION);
    assert.equal(LATEST_API_VERSION, "skaffold/v4beta14");
  });

  it("has unique apiVersions", () => {
    assert.equal(new Set(schemaVersions.map((version) => version.apiVersion)).size, schemaVersions.length);
  });

  it("gives every version but the latest an upgrade to the next one", () => {
    schemaVersions.forEach((version, index) => {
      const next = schemaVersions[index + 1];
      if (!next) {
        assert.equal(version.upgrade, undefined);
        return;
      }
      assert.ok(version.upgrade, `${version.apiVersion} has an upgrade`);
      const upgraded = version.upgrade({ apiVersion: version.apiVersion, kind: "Config" });
      assert.deepEqual(upgraded, { apiVersion: next.apiVersion, kind: "Config" });
    });
  });

  it("finds versions by apiVersion", () => {
    assert.equal(findVersion("skaffold/v2beta29")?.apiVersion, "skaffold/v2beta29");
    assert.equal(findVersion("skaffold/v9"), undefined);
  });
});

describe("upgradeConfig", () => {
  const v1alpha1 = `
apiVersion: skaffold/v1alpha1
kind: Config
build:
  tagPolicy: gitCommit
  artifacts:
  - imageName: gcr.io/k8s-skaffold/app
    workspace: ./app
    dockerfilePath: Dockerfile.prod
  local:
    skipPush: true
deploy:
  kubectl:
    manifests:
    - paths: [k8s/deployment.yaml, k8s/service.yaml]
`;

  it("upgrades a v1alpha1 config all the way to the latest version", () => {
    assert.deepEqual(
      upgradeConfig(parse(v1alpha1) as YamlMap),
      parse(`
apiVersion: skaffold/v4beta14
kind: Config
build:
  tagPolicy: {gitCommit: {}}
  artifacts:
  - image: gcr.io/k8s-skaffold/app
    context: ./app
    docker: {dockerfile: Dockerfile.prod}
  local:
    push: false
    useBuildkit: false
manifests:
  rawYaml: [k8s/deployment.yaml, k8s/service.yaml]
deploy:
  kubectl: {}
`),
    );
  });

  it("stops at an intermediate target", () => {
    const upgraded = upgradeConfig(parse(v1alpha1) as YamlMap, "skaffold/v1alpha4");
    assert.equal(upgraded.apiVersion, "skaffold/v1alpha4");
    assert.deepEqual(upgraded.build, {
      tagPolicy: { gitCommit: {} },
      artifacts: [
        { image: "gcr.io/k8s-skaffold/app", context: "./app", docker: { dockerfile: "Dockerfile.prod" } },
      ],
      local: { push: false },
    });
  });

  it("returns an equal copy for a config already at the target", () => {
    const config = { apiVersion: LATEST_API_VERSION, kind: "Config", build: { artifacts: [{ image: "a" }] } };
    const upgraded = upgradeConfig(config);
    assert.deepEqual(upgraded, config);
    assert.notEqual(upgraded, config);
    assert.notEqual(upgraded.build, config.build);
  });

  it("never modifies its input", () => {
    const config = parse(v1alpha1) as YamlMap;
    const snapshot = structuredClone(config);
    upgradeConfig(config);
    assert.deepEqual(config, snapshot);
  });

  it("passes unknown fields through", () => {
    const upgraded = upgradeConfig({ apiVersion: "skaffold/v2beta10", kind: "Config", custom: { a: [1] } });
    assert.deepEqual(upgraded, { apiVersion: LATEST_API_VERSION, kind: "Config", custom: { a: [1] } });
  });

  it("rejects a missing, unknown or newer apiVersion", () => {
    assert.throws(() => upgradeConfig({ kind: "Config" }), /missing apiVersion/);
    assert.throws(
      () => upgradeConfig({ apiVersion: "skaffold/v9beta1" }),
      /unknown config apiVersion "skaffold\/v9beta1"/,
    );
    assert.throws(
      () => upgradeConfig({ apiVersion: "skaffold/v4beta1" }, "skaffold/v3"),
      /config version "skaffold\/v4beta1" is more recent than target version "skaffold\/v3"/,
    );
    assert.throws(
      () => upgradeConfig({ apiVersion: "skaffold/v3" }, "skaffold/v5"),
      /unknown target apiVersion/,
    );
  });

  it("surfaces step errors as plain Errors", () => {
    assert.throws(
      () => upgradeConfig({ apiVersion: "skaffold/v2beta20", kind: "Config", deploy: { kpt: { dir: "." } } }),
      (error: unknown) => error instanceof Error && /deploy\.kpt/.test(error.message),
    );
  });
});
