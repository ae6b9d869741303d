import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { BuiltImage } from "../build/types.js";
import { EventStream } from "../output/events.js";
import { manualPlanner } from "../sync/rules.js";
import type { SyncItem, SyncResult } from "../sync/types.js";
import type { FileChange, FileMonitor } from "../watch/types.js";
import type { WatchedArtifact } from "./change-set.js";
import { DevLoop, type DevActions, type DevSyncer, type DevWatchModel } from "./dev-loop.js";

function harness(
  options: { failBuildAt?: number; syncError?: string; autoBuild?: boolean; failBeforeHook?: boolean } = {},
) {
  const log: string[] = [];
  let push: ((changes: readonly FileChange[]) => void) | undefined;
  let builds = 0;
  const monitor: FileMonitor = {
    start: (cb) => {
      push = cb;
      return Promise.resolve();
    },
    stop: () => Promise.resolve(),
  };
  const actions: DevActions = {
    build: (images) => {
      builds++;
      log.push(`build ${images?.join(",") ?? "all"}`);
      if (builds === options.failBuildAt)
        return Promise.resolve({ ok: false, built: new Map(), error: "boom" });
      const built = new Map<string, BuiltImage>([
        ["web", { reference: `web:${String(builds)}`, digest: "sha256:1" }],
      ]);
      return Promise.resolve({ ok: true, built });
    },
    deploy: (entries, iteration) => {
      log.push(`deploy ${entries.map((e) => e.tag).join(",")} #${String(iteration)}`);
      return Promise.resolve();
    },
    cleanup: () => {
      log.push("cleanup");
      return Promise.resolve();
    },
  };
  const syncer: DevSyncer = {
    sync: (item: SyncItem): Promise<SyncResult> => {
      log.push(`sync ${item.copy.map((c) => c.dests.join("+")).join(",")} -${item.delete.join(",")}`);
      if (options.syncError)
        return Promise.reject(Object.assign(new Error(options.syncError), { code: "SYNC_UNSUPPORTED" }));
      return Promise.resolve({
        files: item.copy.length,
        deleted: item.delete.length,
        targets: [{ namespace: "ns", pod: "p", container: "c", via: "helper" }],
      });
    },
    forget: (image) => log.push(`forget ${image}`),
    watchRestarts: () => undefined,
    stopWatching: () => undefined,
  };
  const artifact: WatchedArtifact = {
    image: "web",
    workspace: "/w",
    includes: (p) => p.startsWith("/w/"),
    definesInputs: (p) => p === "/w/Dockerfile",
    planner: manualPlanner("/w", [{ src: "*.js", dest: "/app" }], "/"),
    dependents: [],
  };
  const model: DevWatchModel = {
    artifacts: [artifact],
    isDeployInput: (p) => p === "/k8s/app.yaml",
    isConfig: (p) => p === "/skaffold.yaml",
    reread: () => Promise.resolve(),
    updatePlanners: () => Promise.resolve(),
  };
  const controller = new AbortController();
  const lines: string[] = [];
  const events = new EventStream();
  const loop = new DevLoop({
    actions,
    syncer,
    model,
    monitor,
    images: ["web"],
    auto: { build: options.autoBuild ?? true, sync: true, deploy: true },
    syncHooks: {
      before: (sync) => {
        log.push(`before ${sync.image} +${sync.copied.join(",")} -${sync.removed.join(",")}`);
        return options.failBeforeHook ? Promise.reject(new Error("hook exited 1")) : Promise.resolve();
      },
      after: (sync) => {
        log.push(`after ${sync.image} ${sync.built.reference}`);
        return Promise.resolve();
      },
    },
    keepRunningOnFailure: false,
    cleanup: true,
    events,
    say: (l) => lines.push(l),
    warn: (l) => lines.push(`WARN ${l}`),
    signal: controller.signal,
  });
  const settle = () => new Promise((r) => setTimeout(r, 30));
  const change = async (...changes: [string, FileChange["kind"]][]) => {
    push?.(changes.map(([path, kind]) => ({ path, kind })));
    await settle();
  };
  return {
    loop,
    log,
    lines,
    events,
    change,
    settle,
    stop: () => {
      controller.abort();
    },
  };
}

describe("dev loop", () => {
  it("builds and deploys once, syncs matching files, rebuilds the rest, redeploys manifests, cleans up on stop", async () => {
    const h = harness();
    const done = h.loop.run();
    await h.settle();
    await h.change(["/w/a.js", "update"], ["/w/b.js", "delete"]);
    await h.change(["/w/go.mod", "update"]);
    await h.change(["/k8s/app.yaml", "update"]);
    h.stop();
    assert.equal(await done, "stopped");
    assert.deepEqual(h.log, [
      "build all",
      "forget web",
      "deploy web:1 #0",
      "before web +/w/a.js -/w/b.js",
      "sync /app/a.js -/app/b.js",
      "after web web:1",
      "build web",
      "forget web",
      "deploy web:2 #2",
      "deploy web:2 #3",
      "cleanup",
    ]);
    assert.ok(
      h.lines.some((l) => /^Synced 1 file, deleted 1 into 1 pod \(1 container, via helper\) in /.test(l)),
      h.lines.join("\n"),
    );
    assert.ok(h.lines.some((l) => /^Iteration 1: synced in .* since the change was noticed\.$/.test(l)));
    const kinds = h.events.history().map((e) => `${e.kind}:${String(e.status)}`);
    assert.ok(
      kinds.includes("sync:Completed") &&
        kinds.includes("build:Completed") &&
        kinds.includes("deploy:Completed"),
    );
  });

  it("survives a failed build and retries on the next change", async () => {
    const h = harness({ failBuildAt: 2 });
    const done = h.loop.run();
    await h.settle();
    await h.change(["/w/go.mod", "update"]);
    await h.change(["/w/go.mod", "update"]);
    h.stop();
    await done;
    assert.deepEqual(
      h.log.filter((l) => l.startsWith("build") || l.startsWith("deploy")),
      ["build all", "deploy web:1 #0", "build web", "build web", "deploy web:3 #2"],
    );
    assert.ok(h.lines.some((l) => l.startsWith("WARN Build failed: boom")));
  });

  it("falls back to a rebuild when the sync cannot be done, saying why", async () => {
    const h = harness({ syncError: "no helper and no tar" });
    const done = h.loop.run();
    await h.settle();
    await h.change(["/w/a.js", "update"]);
    h.stop();
    await done;
    assert.ok(h.log.includes("build web"));
    assert.ok(h.lines.some((l) => /Sync of web failed: no helper and no tar\. Rebuilding instead\./.test(l)));
  });

  it("a failing before-sync hook fails the sync: nothing is copied and the artifact is rebuilt", async () => {
    const h = harness({ failBeforeHook: true });
    const done = h.loop.run();
    await h.settle();
    await h.change(["/w/a.js", "update"]);
    h.stop();
    await done;
    assert.ok(!h.log.some((l) => l.startsWith("sync ") || l.startsWith("after ")), h.log.join("\n"));
    assert.ok(h.log.includes("build web"));
    assert.ok(h.lines.some((l) => /Sync of web failed: hook exited 1\. Rebuilding instead\./.test(l)));
  });

  it("ends with reload when skaffold.yaml changes, without cleaning up", async () => {
    const h = harness();
    const done = h.loop.run();
    await h.settle();
    await h.change(["/skaffold.yaml", "update"]);
    assert.equal(await done, "reload");
    assert.ok(!h.log.includes("cleanup"));
  });

  it("with --auto-build=false holds rebuilds until execute()", async () => {
    const h = harness({ autoBuild: false });
    const done = h.loop.run();
    await h.settle();
    await h.change(["/w/go.mod", "update"]);
    assert.ok(!h.log.includes("build web"));
    h.loop.execute();
    await h.settle();
    assert.ok(h.log.includes("build web"));
    h.stop();
    await done;
  });
});
