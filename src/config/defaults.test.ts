import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyDefaults } from "./defaults.js";

const ctx = { currentNamespace: () => "team-ns" };
type Data = Record<string, any>;

describe("applyDefaults (Skaffold's defaults.Set)", () => {
  it("defaults build env, tagger, logs, renderer, deployer and docker artifacts", () => {
    const out = applyDefaults({ build: { artifacts: [{ image: "app" }] } }, ctx) as Data;
    assert.deepEqual(out["build"], {
      artifacts: [{ image: "app", context: ".", docker: { dockerfile: "Dockerfile" } }],
      local: { concurrency: 1 },
      tagPolicy: { gitCommit: {} },
    });
    assert.deepEqual(out["manifests"], { rawYaml: ["k8s/*.yaml"] });
    assert.deepEqual(out["deploy"], { logs: { prefix: "container" }, kubectl: {} });
  });

  it("does not set local concurrency without artifacts, nor a renderer when helm deploys", () => {
    const out = applyDefaults(
      { deploy: { helm: { releases: [{ name: "r", chartPath: "c" }] } } },
      ctx,
    ) as Data;
    assert.deepEqual(out["build"]["local"], {});
    assert.equal(out["manifests"]["rawYaml"], undefined);
    assert.equal(out["deploy"]["helm"]["concurrency"], 1);
    assert.equal(out["deploy"]["kubectl"], undefined);
  });

  it("adds the kubectl deployer for rawYaml unless cloudrun deploys", () => {
    assert.deepEqual(
      (
        applyDefaults(
          { manifests: { rawYaml: ["a.yaml"] }, deploy: { docker: { images: ["x"] } } },
          ctx,
        ) as Data
      )["deploy"]["kubectl"],
      {},
    );
    assert.equal(
      (applyDefaults({ manifests: { rawYaml: ["a.yaml"] }, deploy: { cloudrun: {} } }, ctx) as Data)[
        "deploy"
      ]["kubectl"],
      undefined,
    );
  });

  it("sets sync defaults: auto for buildpacks and jib, infer **/* otherwise", () => {
    const out = applyDefaults(
      {
        build: {
          artifacts: [
            { image: "a", buildpacks: {} },
            { image: "b", sync: {} },
            { image: "c", jib: {}, sync: {} },
            { image: "d", sync: { manual: [{ src: "x", dest: "." }] } },
          ],
        },
      },
      ctx,
    ) as Data;
    const [a, b, c, d] = out["build"]["artifacts"] as Data[];
    assert.deepEqual(a?.["sync"], { auto: true });
    assert.deepEqual(a?.["buildpacks"], {
      projectDescriptor: "project.toml",
      dependencies: { paths: ["."] },
      builder: "gcr.io/buildpacks/builder:v1",
      trustBuilder: true,
    });
    assert.deepEqual(b?.["sync"], { infer: ["**/*"] });
    assert.deepEqual(c?.["sync"], { auto: true });
    assert.deepEqual(d?.["sync"], { manual: [{ src: "x", dest: "." }] });
  });

  it("defaults kaniko artifacts and the cluster environment", () => {
    const out = applyDefaults(
      { build: { cluster: {}, artifacts: [{ image: "a" }, { image: "b", custom: { buildCommand: "x" } }] } },
      ctx,
    ) as Data;
    assert.deepEqual(out["build"]["cluster"], {
      namespace: "team-ns",
      timeout: "20m",
      pullSecretMountPath: "/secret",
    });
    const [a, b] = out["build"]["artifacts"] as Data[];
    assert.equal(a?.["kaniko"]["image"], "gcr.io/kaniko-project/executor:latest");
    assert.equal(a?.["kaniko"]["copyMaxRetries"], 3);
    assert.deepEqual(b?.["custom"], { buildCommand: "x", dependencies: { paths: ["."] } });
    assert.equal(b?.["kaniko"], undefined);
  });

  it("defaults dependency aliases, port-forward local ports and addresses, test contexts", () => {
    const out = applyDefaults(
      {
        build: { artifacts: [{ image: "a", requires: [{ image: "base" }] }] },
        portForward: [
          { resourceType: "service", resourceName: "s", port: 8080 },
          { resourceType: "pod", resourceName: "p", port: "http" },
        ],
        test: [{ image: "a" }],
      },
      ctx,
    ) as Data;
    assert.deepEqual(out["build"]["artifacts"][0]["requires"], [{ image: "base", alias: "base" }]);
    assert.equal(out["portForward"][0]["localPort"], 8080);
    assert.equal(out["portForward"][0]["address"], "127.0.0.1");
    assert.equal(out["portForward"][1]["localPort"], undefined);
    assert.equal(out["test"][0]["context"], ".");
  });

  it("never mutates its input", () => {
    const input = { build: { artifacts: [{ image: "a" }] } };
    applyDefaults(input, ctx);
    assert.deepEqual(input, { build: { artifacts: [{ image: "a" }] } });
  });
});
