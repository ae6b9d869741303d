import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Deployer, DeployerKind, DeployRequest } from "../deploy/types.js";
import { resourceName } from "./deploy-report.js";
import { runPipeline, type RunPipelineDeps, type RunPipelineOptions } from "./run-pipeline.js";

interface Recorder {
  readonly events: string[];
}

function deployer(
  kind: DeployerKind,
  rec: Recorder,
  behave?: (req: DeployRequest) => Promise<void>,
): Deployer {
  return {
    kind,
    async deploy(req) {
      rec.events.push(`deploy ${kind} ${String(req.manifests.length)}`);
      const resource = {
        deployer: kind,
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: kind,
        namespace: "ns",
      };
      req.onApplied([resource]);
      await behave?.(req);
      return { resources: [resource], namespaces: ["ns"] };
    },
    cleanup(req) {
      rec.events.push(`cleanup ${kind} ${String(req.manifests.length)}`);
      return Promise.resolve();
    },
    dependencies: () => Promise.resolve([]),
  };
}

function setup(rec: Recorder, steps: Deployer[], signal: AbortSignal, extra: Partial<RunPipelineDeps> = {}) {
  const out: string[] = [];
  const options: RunPipelineOptions = {
    runId: "r1",
    labels: { "skaffold.dev/run-id": "r1" },
    namespace: undefined,
    kubeContext: "ctx",
    images: [],
    stayAttached: false,
    cleanupOnInterrupt: true,
    iteration: 0,
    signal,
  };
  const deps: RunPipelineDeps = {
    build: () => {
      rec.events.push("build");
      return Promise.resolve([{ imageName: "app", tag: "app:1" }]);
    },
    modules: [
      {
        label: "m",
        dir: "/",
        render: (builds) => {
          rec.events.push(`render ${builds.map((b) => b.tag).join()}`);
          return Promise.resolve([{ kind: "Deployment" }]);
        },
        steps: steps.map((deployer) => ({ deployer, hooks: undefined })),
      },
    ],
    statusCheck: (resources) => {
      rec.events.push(`status ${String(resources.length)}`);
      return Promise.resolve({ ok: true, failures: [] });
    },
    attach: undefined,
    hooks: { exec: { run: () => Promise.reject(new Error("no")) }, env: {}, targets: undefined },
    output: (l) => out.push(l),
    ...extra,
  };
  return { options, deps, out };
}

describe("run pipeline", () => {
  test("build, render, deployers in order, status check over what was applied", async () => {
    const rec: Recorder = { events: [] };
    const { options, deps } = setup(
      rec,
      [deployer("helm", rec), deployer("kubectl", rec)],
      new AbortController().signal,
    );
    const result = await runPipeline(options, deps);
    assert.deepEqual(rec.events, ["build", "render app:1", "deploy helm 1", "deploy kubectl 1", "status 2"]);
    assert.deepEqual(result.namespaces, ["ns"]);
    assert.equal(result.deployed.length, 2);
  });

  test("a failing deployer reports what was applied and what was not", async () => {
    const rec: Recorder = { events: [] };
    const failing = deployer("helm", rec, () => Promise.reject(new Error("chart broken")));
    const { options, deps, out } = setup(
      rec,
      [deployer("docker", rec), failing, deployer("kubectl", rec)],
      new AbortController().signal,
    );
    await assert.rejects(runPipeline(options, deps), /chart broken/);
    assert.ok(out.includes("Deploy stopped (chart broken)."), out.join("\n"));
    assert.ok(out.some((l) => l.includes("deployment/docker (namespace ns) [docker]")));
    assert.ok(out.some((l) => l.includes("deployment.apps/helm")));
    assert.ok(out.some((l) => l.includes("The helm deployer was stopped mid-way")));
    assert.ok(out.includes("Not deployed: kubectl."));
    assert.ok(!rec.events.some((e) => e.startsWith("cleanup")), "no cleanup after a plain failure");
  });

  test("Ctrl+C during a deploy reports, then cleans up what was deployed with --cleanup", async () => {
    const rec: Recorder = { events: [] };
    const controller = new AbortController();
    const slow = deployer("kubectl", rec, () => {
      controller.abort(new Error("interrupted by SIGINT"));
      return Promise.reject(new Error("kubectl killed"));
    });
    const { options, deps, out } = setup(rec, [deployer("helm", rec), slow], controller.signal);
    await assert.rejects(
      runPipeline(options, deps),
      (e: Error & { code?: string }) => e.code === "INTERRUPTED",
    );
    assert.ok(out.includes("Deploy stopped (interrupted)."));
    assert.deepEqual(rec.events.slice(-2), ["cleanup kubectl 1", "cleanup helm 1"]);
  });

  test("a failed status check is an error listing the failures", async () => {
    const rec: Recorder = { events: [] };
    const { options, deps } = setup(rec, [deployer("kubectl", rec)], new AbortController().signal, {
      statusCheck: () => Promise.resolve({ ok: false, failures: ["deployment/web: ImagePullBackOff"] }),
    });
    await assert.rejects(
      runPipeline(options, deps),
      (e: Error & { code?: string; hint?: string }) =>
        e.code === "STATUS_CHECK_FAILED" && (e.hint ?? "").includes("ImagePullBackOff"),
    );
  });

  test("--iterative-status-check checks each deployer's objects before the next deployer starts", async () => {
    const rec: Recorder = { events: [] };
    const { options, deps } = setup(
      rec,
      [deployer("helm", rec), deployer("kubectl", rec)],
      new AbortController().signal,
    );
    await runPipeline({ ...options, iterativeStatusCheck: true }, deps);
    assert.deepEqual(rec.events, [
      "build",
      "render app:1",
      "deploy helm 1",
      "status 1",
      "deploy kubectl 1",
      "status 1",
    ]);
  });

  test("an iterative status failure stops the deployers after it and says which did not run", async () => {
    const rec: Recorder = { events: [] };
    const { options, deps, out } = setup(
      rec,
      [deployer("helm", rec), deployer("kubectl", rec)],
      new AbortController().signal,
      {
        statusCheck: (resources) => {
          rec.events.push(`status ${resources.map((r) => r.name).join()}`);
          return Promise.resolve({ ok: false, failures: ["ns:deployment/helm: CrashLoopBackOff"] });
        },
      },
    );
    await assert.rejects(
      runPipeline({ ...options, iterativeStatusCheck: true }, deps),
      (e: Error & { code?: string }) => e.code === "STATUS_CHECK_FAILED",
    );
    assert.deepEqual(rec.events, ["build", "render app:1", "deploy helm 1", "status helm"]);
    assert.ok(out.includes("Not deployed, because the status check failed: kubectl."), out.join("\n"));
  });

  test("attached runs wait for Ctrl+C, stop the attachment, and clean up", async () => {
    const rec: Recorder = { events: [] };
    const controller = new AbortController();
    const { options, deps } = setup(rec, [deployer("kubectl", rec)], controller.signal, {
      attach: (namespaces) => {
        rec.events.push(`attach ${namespaces.join()}`);
        setTimeout(() => {
          controller.abort();
        }, 10);
        return Promise.resolve({
          refresh: () => Promise.resolve(),
          mute: () => undefined,
          unmute: () => undefined,
          stop: () => {
            rec.events.push("detach");
            return Promise.resolve();
          },
        });
      },
    });
    const result = await runPipeline({ ...options, stayAttached: true }, deps);
    assert.equal(result.cleanedUp, true);
    assert.deepEqual(rec.events.slice(-3), ["attach ns", "detach", "cleanup kubectl 1"]);
  });

  test("resource names as kubectl prints them", () => {
    assert.equal(
      resourceName({ deployer: "kubectl", apiVersion: "v1", kind: "Service", name: "web", namespace: "a" }),
      "service/web (namespace a)",
    );
    assert.equal(
      resourceName({ deployer: "docker", apiVersion: "docker/v1", kind: "Container", name: "web" }),
      "container/web",
    );
  });
});
