import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Pod } from "../kube/types.js";
import { forwardIdentity } from "./port-forward-manager.js";

const pod = (name: string, owner?: { kind: string; name: string }, hash?: string): Pod => ({
  metadata: {
    name,
    ...(hash === undefined ? {} : { labels: { "pod-template-hash": hash } }),
    ...(owner === undefined
      ? {}
      : {
          ownerReferences: [
            { apiVersion: "apps/v1", kind: owner.kind, name: owner.name, uid: "u", controller: true },
          ],
        }),
  },
});

describe("forward identity of pods found by the pods/debug modes", () => {
  it("forwards a Deployment's pod as the Deployment, so a replacement pod keeps the forward", () => {
    assert.deepEqual(
      forwardIdentity(pod("web-7d9f8-abcde", { kind: "ReplicaSet", name: "web-7d9f8" }, "7d9f8")),
      {
        type: "deployment",
        name: "web",
      },
    );
    assert.deepEqual(forwardIdentity(pod("rs-x1", { kind: "ReplicaSet", name: "rs" })), {
      type: "replicaset",
      name: "rs",
    });
  });
  it("uses DaemonSet and Job owners; StatefulSet pods and bare pods keep their own names", () => {
    assert.deepEqual(forwardIdentity(pod("agent-x", { kind: "DaemonSet", name: "agent" })), {
      type: "daemonset",
      name: "agent",
    });
    assert.deepEqual(forwardIdentity(pod("db-0", { kind: "StatefulSet", name: "db" })), {
      type: "pod",
      name: "db-0",
    });
    assert.deepEqual(forwardIdentity(pod("lonely")), { type: "pod", name: "lonely" });
  });
});
