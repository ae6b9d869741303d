import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { KubeClient, Pod } from "../kube/types.js";
import { kubeHookTargets } from "./hook-targets.js";

const pod = (name: string, phase: string, running: string[], deleting = false): Pod => ({
  metadata: { name, ...(deleting ? { deletionTimestamp: "2026-01-01T00:00:00Z" } : {}) },
  status: {
    phase,
    containerStatuses: ["a", "b"].map((c) => ({
      name: c,
      image: "x",
      imageID: "",
      ready: true,
      restartCount: 0,
      state: running.includes(c) ? { running: {} } : { waiting: { reason: "CrashLoopBackOff" } },
    })),
  },
});

describe("container hook targets", () => {
  it("lists the running containers of the run's running pods, per namespace, by label selector", async () => {
    const asked: string[] = [];
    const client = {
      watcher: {
        list: (req: { namespace: string; labelSelector?: string }) => {
          asked.push(`${req.namespace} ${req.labelSelector ?? ""}`);
          return Promise.resolve(
            req.namespace === "one"
              ? [
                  pod("web", "Running", ["a"]),
                  pod("old", "Running", ["a", "b"], true),
                  pod("new", "Pending", []),
                ]
              : [pod("api", "Running", ["a", "b"])],
          );
        },
        watch: () => {
          throw new Error("unused");
        },
      },
      exec: { exec: () => Promise.reject(new Error("unused")) },
    } as unknown as Pick<KubeClient, "watcher" | "exec">;
    const targets = kubeHookTargets(() => client);
    const found = await targets.list(
      ["one", "two"],
      { "skaffold.dev/run-id": "r1" },
      new AbortController().signal,
    );
    assert.deepEqual(asked, ["one skaffold.dev/run-id=r1", "two skaffold.dev/run-id=r1"]);
    assert.deepEqual(
      found.map((t) => `${t.namespace}/${t.pod}/${t.container}`),
      ["one/web/a", "two/api/a", "two/api/b"],
    );
  });
});
