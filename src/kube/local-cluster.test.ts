import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isLocalCluster, shouldPush } from "./local-cluster.js";

describe("local clusters and pushing", () => {
  it("recognises Skaffold's local cluster contexts", () => {
    for (const name of ["docker-desktop", "docker-for-desktop", "minikube", "kind-dev", "dev@kind", "k3d-x"])
      assert.equal(isLocalCluster(name, undefined), true, name);
    for (const name of ["gke_project_zone_c", "trestle", "kind", ""])
      assert.equal(isLocalCluster(name, undefined), false, name);
    assert.equal(isLocalCluster("gke", true), true);
    assert.equal(isLocalCluster("minikube", false), false);
  });
  it("decides pushing: flag, then config, then cluster kind", () => {
    const never = (): boolean => assert.fail("the cluster is not consulted");
    assert.equal(shouldPush(false, true, never), false);
    assert.equal(shouldPush(undefined, true, never), true);
    assert.equal(
      shouldPush(undefined, undefined, () => true),
      false,
    );
    assert.equal(
      shouldPush(undefined, undefined, () => false),
      true,
    );
  });
});
