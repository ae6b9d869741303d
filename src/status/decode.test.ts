import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Pod } from "../kube/types.js";
import {
  deploymentVerdict,
  jobVerdict,
  Once,
  podMatches,
  podProblem,
  podUnsettled,
  podVerdict,
  RESTART_SETTLE_MS,
  SETTLE_MS,
} from "./decode.js";

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
  it("does not trust a probe-less container until it has stayed up, nor one that restarted during the check", () => {
    const running = (restartCount: number, probe = false): Pod =>
      pod(
        {
          phase: "Running",
          containerStatuses: [
            {
              name: "web",
              image: "x",
              imageID: "",
              ready: true,
              restartCount,
              state: { running: { startedAt: "2026-01-01T00:00:00Z" } },
            },
          ],
        },
        probe
          ? { containers: [{ name: "web", image: "x", readinessProbe: { exec: { command: ["true"] } } }] }
          : {},
      );
    const started = 1_000_000;
    const at = (now: number, p: Pod, baseline: number) =>
      podUnsettled(p, now, new Map([["web", baseline]]), () => started);
    // Probe-less, just started: waits SETTLE_MS, then is trusted.
    const fresh = at(started + 1, running(0), 0);
    assert.equal(fresh?.recheckAt, started + SETTLE_MS);
    assert.equal(at(started + SETTLE_MS, running(0), 0), undefined);
    // With a readiness probe the kubelet's verdict stands.
    assert.equal(at(started + 1, running(0, true), 0), undefined);
    // Restarted since the check began (even with a probe): waits the longer RESTART_SETTLE_MS.
    const again = at(started + SETTLE_MS, running(1, true), 0);
    assert.match(again?.message ?? "", /restarted \(1 times\)/);
    assert.equal(again?.recheckAt, started + RESTART_SETTLE_MS);
    assert.equal(at(started + RESTART_SETTLE_MS, running(1), 0), undefined);
    // Crash-looping or exited: not ready, no matter what the Deployment says.
    const looping = pod({
      phase: "Running",
      containerStatuses: [
        {
          name: "web",
          image: "x",
          imageID: "",
          ready: false,
          restartCount: 3,
          state: { waiting: { reason: "CrashLoopBackOff" } },
        },
      ],
    });
    const v = podUnsettled(looping, started, new Map([["web", 0]]), () => started);
    assert.match(v?.message ?? "", /not running \(CrashLoopBackOff, restarted 3 times\)/);
    assert.equal(v?.recheckAt, undefined);
  });
});
