import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { injectSyncHelper } from "./helper-injection.js";

const deployment = (image: string) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web" },
  spec: {
    template: {
      spec: {
        containers: [
          { name: "web", image, volumeMounts: [{ name: "data", mountPath: "/data" }] },
          { name: "sidecar", image: "busybox" },
        ],
        volumes: [{ name: "data", emptyDir: {} }],
      },
    },
  },
});

describe("sync helper injection", () => {
  it("adds the init container, the emptyDir and a read-only mount to synced containers only", () => {
    const [out] = injectSyncHelper(
      [deployment("reg/web:v1@sha256:abc")],
      new Set(["reg/web:v1"]),
      "helper:1",
    );
    const spec = (out as ReturnType<typeof deployment>).spec.template.spec as unknown as Record<
      string,
      unknown[]
    >;
    assert.deepEqual(
      spec["initContainers"]?.map((c) => (c as { image: string }).image),
      ["helper:1"],
    );
    assert.deepEqual(
      spec["volumes"]?.map((v) => (v as { name: string }).name),
      ["data", "trestle-sync"],
    );
    const [web, sidecar] = spec["containers"] as { volumeMounts?: unknown[] }[];
    assert.deepEqual(web?.volumeMounts?.[1], {
      name: "trestle-sync",
      mountPath: "/.trestle",
      readOnly: true,
    });
    assert.equal(sidecar?.volumeMounts, undefined);
  });

  it("leaves other workloads, non-workloads and already injected templates alone, and never mutates input", () => {
    const input = [deployment("other:1"), { apiVersion: "v1", kind: "Service", metadata: { name: "s" } }];
    const frozen = JSON.stringify(input);
    assert.deepEqual(injectSyncHelper(input, new Set(["web:1"])), input);
    const once = injectSyncHelper([deployment("web:1")], new Set(["web:1"]));
    assert.deepEqual(injectSyncHelper(once, new Set(["web:1"])), once);
    assert.equal(JSON.stringify(input), frozen);
  });

  it("reaches into Lists and CronJobs", () => {
    const cron = {
      kind: "CronJob",
      spec: {
        jobTemplate: { spec: { template: { spec: { containers: [{ name: "c", image: "web:1" }] } } } },
      },
    };
    const [list] = injectSyncHelper([{ kind: "List", items: [cron] }], new Set(["web:1"]));
    assert.match(JSON.stringify(list), /trestle-sync-install/);
  });
});
