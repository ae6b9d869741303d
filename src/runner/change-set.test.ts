import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { manualPlanner } from "../sync/rules.js";
import { ChangeSet, decide, type WatchedArtifact, type WatchModel } from "./change-set.js";

function artifact(image: string, extra: Partial<WatchedArtifact> = {}): WatchedArtifact {
  const workspace = `/p/${image}`;
  return {
    image,
    workspace,
    includes: (path) => path.startsWith(`${workspace}/`) && !path.endsWith("Dockerfile"),
    definesInputs: (path) => path === `${workspace}/Dockerfile`,
    planner: manualPlanner(workspace, [{ src: "*.js", dest: "/app" }], "/"),
    dependents: [],
    ...extra,
  };
}

function model(...artifacts: WatchedArtifact[]): WatchModel {
  return {
    artifacts,
    isDeployInput: (path) => path.startsWith("/p/k8s/"),
    isConfig: (path) => path === "/p/skaffold.yaml",
  };
}

function plan(m: WatchModel, ...changes: [string, "create" | "update" | "delete"][]) {
  const set = new ChangeSet();
  set.record(
    changes.map(([path, kind]) => ({ path, kind })),
    m,
  );
  return decide(set.drain(), m);
}

describe("change set decisions", () => {
  it("syncs when every changed file matches a rule, including deletions", () => {
    const p = plan(model(artifact("web")), ["/p/web/a.js", "update"], ["/p/web/b.js", "delete"]);
    assert.deepEqual(p.syncs, [
      {
        image: "web",
        copy: [{ local: "/p/web/a.js", dests: ["/app/a.js"] }],
        delete: ["/app/b.js"],
        files: ["a.js", "b.js"],
        removed: ["/p/web/b.js"],
      },
    ]);
    assert.equal(p.rebuilds.size, 0);
    assert.equal(p.redeploy, false);
  });

  it("rebuilds only the artifact whose file matches no rule, and redeploys", () => {
    const p = plan(
      model(artifact("web"), artifact("api")),
      ["/p/web/go.mod", "update"],
      ["/p/api/x.js", "update"],
    );
    assert.deepEqual([...p.rebuilds.keys()], ["web"]);
    assert.match(p.rebuilds.get("web") ?? "", /go\.mod/);
    assert.deepEqual(
      p.syncs.map((s) => s.image),
      ["api"],
    );
    assert.equal(p.redeploy, true);
  });

  it("rebuilds dependents through requires, and never syncs an artifact others require", () => {
    const m = model(artifact("base", { dependents: ["app"] }), artifact("app"));
    const p = plan(m, ["/p/base/a.js", "update"]);
    assert.deepEqual([...p.rebuilds.keys()].sort(), ["app", "base"]);
    assert.match(p.rebuilds.get("base") ?? "", /require/);
  });

  it("a Dockerfile change re-reads the inputs and rebuilds", () => {
    const p = plan(model(artifact("web")), ["/p/web/Dockerfile", "update"]);
    assert.deepEqual([...p.reread], ["web"]);
    assert.deepEqual([...p.rebuilds.keys()], ["web"]);
  });

  it("a manifest change only redeploys", () => {
    const p = plan(model(artifact("web")), ["/p/k8s/deployment.yaml", "update"]);
    assert.equal(p.redeploy, true);
    assert.equal(p.rebuilds.size, 0);
    assert.equal(p.syncs.length, 0);
  });

  it("a skaffold.yaml change reloads, whatever else changed", () => {
    const p = plan(model(artifact("web")), ["/p/web/a.js", "update"], ["/p/skaffold.yaml", "update"]);
    assert.equal(p.reload, true);
    assert.equal(p.syncs.length, 0);
  });

  it("without sync rules a change rebuilds", () => {
    const p = plan(model(artifact("web", { planner: undefined })), ["/p/web/a.js", "update"]);
    assert.deepEqual([...p.rebuilds.keys()], ["web"]);
  });

  it("ignores files nobody watches, and merges pending batches until drained", () => {
    const m = model(artifact("web"));
    const set = new ChangeSet();
    assert.equal(set.record([{ path: "/elsewhere/x", kind: "update" }], m), false);
    assert.equal(set.empty, true);
    set.record([{ path: "/p/web/n.js", kind: "create" }], m);
    set.record([{ path: "/p/web/n.js", kind: "update" }], m);
    const drained = set.drain();
    assert.equal(set.empty, true);
    assert.deepEqual([...(drained.files.get("web") ?? new Map())], [["/p/web/n.js", "create"]]);
  });
});
