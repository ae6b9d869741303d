import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { configuredDeployers, type DeployerFactories } from "./deployers.js";
import type { Deployer, DeployerKind } from "./types.js";

function fake(kind: DeployerKind): Deployer {
  return {
    kind,
    deploy: () => Promise.resolve({ resources: [], namespaces: [] }),
    cleanup: () => Promise.resolve(),
    dependencies: () => Promise.resolve([]),
  };
}

const factories: DeployerFactories = {
  docker: () => fake("docker"),
  helm: () => fake("helm"),
  kpt: () => fake("kpt"),
  kubectl: () => fake("kubectl"),
};

describe("configured deployers", () => {
  test("Skaffold's order whatever the order in the file, hooks kept", () => {
    const hooks = { before: [{ host: { command: ["true"] } }] };
    const got = configuredDeployers(
      { kubectl: { hooks }, docker: { images: ["a"] }, helm: { releases: [] } },
      factories,
    );
    assert.deepEqual(
      got.map((d) => d.deployer.kind),
      ["docker", "helm", "kubectl"],
    );
    assert.equal(got[2]?.hooks, hooks);
    assert.deepEqual(configuredDeployers(undefined, factories), []);
  });

  test("cloud run is refused clearly", () => {
    assert.throws(() => configuredDeployers({ cloudrun: {} }, factories), /cloudrun is not supported/);
  });
});
