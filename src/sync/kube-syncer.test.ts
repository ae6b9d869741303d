import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { ExecRequest, ExecResult, Pod, ResourceWatcher, WatchEventType } from "../kube/types.js";
import { KubeSyncer, matchingContainers } from "./kube-syncer.js";

const DIGEST = "sha256:aaaa";
const built = { reference: `reg/web:v1@${DIGEST}`, digest: DIGEST };

function pod(name: string, imageID: string, containerID = "c1", phase = "Running"): Pod {
  const raw = {
    metadata: { name, namespace: "ns" },
    spec: { containers: [{ name: "web", image: "reg/web:v1" }] },
    status: {
      phase,
      containerStatuses: [
        {
          name: "web",
          image: "reg/web:v1",
          imageID,
          containerID,
          ready: true,
          restartCount: 0,
          state: { running: {} },
        },
      ],
    },
  };
  return raw;
}

async function drain(stdin: ExecRequest["stdin"]): Promise<number> {
  let n = 0;
  if (stdin && Symbol.asyncIterator in stdin) for await (const chunk of stdin) n += chunk.length;
  return n;
}

function fakes(pods: Pod[], behaviour: (command: readonly string[]) => ExecResult) {
  const calls: string[] = [];
  let onEvent: ((type: WatchEventType, pod: Pod) => void) | undefined;
  const watcher = {
    list: () => Promise.resolve(pods),
    watch: (_req: unknown, cb: (type: WatchEventType, pod: Pod) => void) => {
      onEvent = cb;
      return { synced: Promise.resolve(), stop: () => undefined };
    },
  } as unknown as Pick<ResourceWatcher, "list" | "watch">;
  const exec = {
    exec: async (req: ExecRequest): Promise<ExecResult> => {
      await drain(req.stdin);
      calls.push(`${req.pod}: ${req.command.join(" ")}`);
      return behaviour(req.command);
    },
  };
  return { calls, watcher, exec, fire: (type: WatchEventType, p: Pod) => onEvent?.(type, p) };
}

const ok = (): ExecResult => ({ exitCode: 0, stdout: Buffer.from(""), stderr: Buffer.from("") });
const missing = (): ExecResult => ({
  exitCode: 126,
  stdout: Buffer.from(""),
  stderr: Buffer.from(
    'exec: "/.trestle/trestle-sync": stat /.trestle/trestle-sync: no such file or directory',
  ),
});

async function item() {
  const dir = await mkdtemp(join(tmpdir(), "trestle-sync-"));
  await writeFile(join(dir, "a.js"), "x");
  return {
    image: "reg/web",
    built,
    copy: [{ local: join(dir, "a.js"), dests: ["/app/a.js"] }],
    delete: ["/app/b.js"],
  };
}

describe("kube syncer", () => {
  it("matches containers by the digest the kubelet reports, not by tag text", () => {
    assert.equal(matchingContainers(pod("p", `reg/web@${DIGEST}`), built).length, 1);
    assert.equal(
      matchingContainers(pod("p", "reg/web@sha256:bbbb"), built).length,
      0,
      "same tag, other image",
    );
    assert.equal(matchingContainers(pod("p", `reg/web@${DIGEST}`, "c1", "Pending"), built).length, 0);
  });

  it("uses the helper when present, and tar/rm when the helper is missing", async () => {
    const withHelper = fakes([pod("p1", `reg/web@${DIGEST}`)], ok);
    const syncer = new KubeSyncer({
      exec: withHelper.exec,
      pods: withHelper.watcher,
      runId: "r",
      namespaces: () => ["ns"],
      warn: () => undefined,
    });
    const result = await syncer.sync(await item(), new AbortController().signal);
    assert.deepEqual(
      result.targets.map((t) => t.via),
      ["helper"],
    );
    assert.deepEqual(withHelper.calls, ["p1: /.trestle/trestle-sync apply --delete /app/b.js"]);

    const noHelper = fakes([pod("p1", `reg/web@${DIGEST}`)], (cmd) =>
      cmd[0] === "/.trestle/trestle-sync" ? missing() : ok(),
    );
    const tarSyncer = new KubeSyncer({
      exec: noHelper.exec,
      pods: noHelper.watcher,
      runId: "r",
      namespaces: () => ["ns"],
      warn: () => undefined,
    });
    const viaTar = await tarSyncer.sync(await item(), new AbortController().signal);
    assert.deepEqual(
      viaTar.targets.map((t) => t.via),
      ["tar"],
    );
    assert.deepEqual(noHelper.calls.slice(1), [
      "p1: tar xmf - -C / --no-same-owner",
      "p1: rm -rf -- /app/b.js",
    ]);
  });

  it("says why when neither the helper nor tar exists, and when no container matches", async () => {
    const none = fakes([pod("p1", `reg/web@${DIGEST}`)], missing);
    const syncer = new KubeSyncer({
      exec: none.exec,
      pods: none.watcher,
      runId: "r",
      namespaces: () => ["ns"],
      warn: () => undefined,
    });
    await assert.rejects(syncer.sync(await item(), new AbortController().signal), {
      code: "SYNC_UNSUPPORTED",
    });
    const empty = fakes([], ok);
    const idle = new KubeSyncer({
      exec: empty.exec,
      pods: empty.watcher,
      runId: "r",
      namespaces: () => ["ns"],
      warn: () => undefined,
    });
    await assert.rejects(idle.sync(await item(), new AbortController().signal), { code: "SYNC_NO_TARGET" });
  });

  it("replays synced files into a container that restarts, once per container instance", async () => {
    const f = fakes([pod("p1", `reg/web@${DIGEST}`)], ok);
    const replayed: string[] = [];
    const syncer = new KubeSyncer({
      exec: f.exec,
      pods: f.watcher,
      runId: "r",
      namespaces: () => ["ns"],
      warn: () => undefined,
      onReplay: (t, n) => replayed.push(`${t.pod} ${String(n)}`),
    });
    await syncer.sync(await item(), new AbortController().signal);
    syncer.watchRestarts();
    f.fire("MODIFIED", pod("p1", `reg/web@${DIGEST}`, "c1"));
    f.fire("MODIFIED", pod("p1", `reg/web@${DIGEST}`, "c2"));
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(replayed, ["p1 2"]);
    assert.equal(f.calls.length, 2);
    syncer.forget("reg/web");
    f.fire("MODIFIED", pod("p1", `reg/web@${DIGEST}`, "c3"));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(f.calls.length, 2, "nothing replayed after the image was rebuilt");
    syncer.stopWatching();
  });
});
