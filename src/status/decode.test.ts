import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Pod } from "../kube/types.js";
import { deploymentVerdict, jobVerdict, Once, podMatches, podProblem, podVerdict } from "./decode.js";

const pod = (status: NonNullable<Pod["status"]>, spec: Partial<NonNullable<Pod["spec"]>> = {}): Pod => ({
  metadata: { name: "p", namespace: "ns", labels: { app: "web" } },
  spec: { containers: [{ name: "web", image: "localhost:5000/web:1" }], ...spec },
  status,
});

describe("status decoding", () => {
  it("names the image of an ImagePullBackOff", () => {
    const v = podProblem(
      pod({
        containerStatuses: [
          {
            name: "web",
            image: "x",
            imageID: "",
            ready: false,
            restartCount: 0,
            state: { waiting: { reason: "ImagePullBackOff", message: "Back-off pulling image" } },
          },
        ],
      }),
    );
    assert.ok(v?.state === "failed");
    assert.equal(v.reason, "ImagePullBackOff");
    assert.equal(v.fatal, true);
    assert.match(v.message, /localhost:5000\/web:1/);
  });
  it("tolerates one early exit; a container crashing again and again is a failure", () => {
    const crash = (restartCount: number) =>
      podProblem(
        pod({
          containerStatuses: [
            {
              name: "web",
              image: "x",
              imageID: "",
              ready: false,
              restartCount,
              state: { waiting: { reason: "CrashLoopBackOff" } },
              lastState: { terminated: { exitCode: 3 } },
            },
          ],
        }),
      );
    const early = crash(1);
    const late = crash(2);
    assert.ok(early?.state === "failed" && late?.state === "failed");
    assert.equal(early.fatal, false);
    assert.equal(late.fatal, true);
    assert.equal(late.container, "web");
    assert.match(late.message, /last exit code 3/);
  });
  it("decodes OOMKilled, Unschedulable and failing probes", () => {
    const oom = podProblem(
      pod({
        containerStatuses: [
          {
            name: "web",
            image: "x",
            imageID: "",
            ready: false,
            restartCount: 1,
            state: { running: {} },
            lastState: { terminated: { exitCode: 137, reason: "OOMKilled" } },
          },
        ],
      }),
    );
    assert.equal(oom?.state === "failed" ? oom.reason : "", "OOMKilled");
    const unsched = podProblem(
      pod({
        phase: "Pending",
        conditions: [
          {
            type: "PodScheduled",
            status: "False",
            reason: "Unschedulable",
            message: "0/1 nodes are available: 1 Insufficient cpu.",
          },
        ],
      }),
    );
    assert.ok(unsched?.state === "failed");
    assert.match(unsched.message, /Insufficient cpu/);
    const probe = podProblem(pod({ phase: "Running" }), [
      {
        reason: "Unhealthy",
        message: "Readiness probe failed: HTTP probe failed with statuscode: 500",
        involvedObject: {},
        metadata: {},
      },
    ]);
    assert.ok(probe?.state === "failed");
    assert.equal(probe.reason, "ProbeFailing");
    assert.equal(probe.fatal, false);
  });
  it("reads pods, deployments and jobs", () => {
    assert.equal(
      podVerdict(pod({ phase: "Running", conditions: [{ type: "Ready", status: "True" }] })).state,
      "ready",
    );
    assert.equal(podVerdict(pod({ phase: "Pending" })).state, "waiting");
    const deadline = deploymentVerdict({
      metadata: { generation: 1 },
      spec: { selector: {}, template: {} },
      status: {
        observedGeneration: 1,
        conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }],
      },
    });
    assert.ok(deadline.state === "failed" && deadline.reason === "ProgressDeadlineExceeded");
    assert.equal(
      deploymentVerdict({
        metadata: { generation: 2 },
        spec: { replicas: 2, selector: {}, template: {} },
        status: { observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2 },
      }).state,
      "ready",
    );
    assert.equal(
      deploymentVerdict({
        metadata: { generation: 2 },
        spec: { selector: {}, template: {} },
        status: { observedGeneration: 1 },
      }).state,
      "waiting",
    );
    assert.equal(
      jobVerdict({ status: { conditions: [{ type: "Complete", status: "True" }] } }).state,
      "ready",
    );
    assert.equal(
      jobVerdict({ status: { conditions: [{ type: "Failed", status: "True" }] } }).state,
      "failed",
    );
    assert.equal(podMatches(pod({}), "ns", { app: "web" }), true);
    assert.equal(podMatches(pod({}), "other", { app: "web" }), false);
  });
  it("prints a failure once even as its counts change", () => {
    const once = new Once();
    assert.equal(once.first("web|CrashLoopBackOff|restarted 2 times"), true);
    assert.equal(once.first("web|CrashLoopBackOff|restarted 3 times"), false);
    assert.equal(once.first("web|OOMKilled|x"), true);
  });
});
