import assert from "node:assert/strict";
import { mkdtemp, mkdir, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ChangeBatch, Debouncer, type Timers } from "./batch.js";
import { createFileMonitor } from "./create.js";
import { inVcsDir, isEditorTemp, PatternFile } from "./ignore.js";
import { diffSnapshots } from "./polling.js";
import type { FileChange, IgnoreRules } from "./types.js";

describe("ignore rules", () => {
  it("recognises editor temporary files", () => {
    for (const name of ["a.js~", ".#a.js", ".a.js.swp", "a.swx", "4913", "#a.js#", "x.kate-swp"])
      assert.equal(isEditorTemp(`/w/${name}`), true, name);
    for (const name of ["a.js", "swap.js", "49130", "server.py"])
      assert.equal(isEditorTemp(`/w/${name}`), false, name);
  });
  it("recognises VCS directories", () => {
    assert.equal(inVcsDir("/w/.git/index"), true);
    assert.equal(inVcsDir("/w/.github/x.yaml"), false);
  });
  it("applies gitignore-style patterns: unanchored, anchored, directory-only and negated", () => {
    const file = new PatternFile("/w", "# c\nnode_modules/\n/build\n*.log\n!keep.log\ndocs/*.tmp\n");
    assert.equal(file.excludes("/w/node_modules/a/b.js"), true);
    assert.equal(file.excludes("/w/pkg/node_modules/x.js"), true);
    assert.equal(file.excludes("/w/node_modules", false), false, "directory-only pattern on a file");
    assert.equal(file.excludes("/w/build/out.js"), true);
    assert.equal(file.excludes("/w/src/build/out.js"), false);
    assert.equal(file.excludes("/w/a.log"), true);
    assert.equal(file.excludes("/w/keep.log"), false);
    assert.equal(file.excludes("/w/docs/a.tmp"), true);
    assert.equal(file.excludes("/elsewhere/a.log"), false);
    assert.deepEqual(file.literalDirs(), ["node_modules", "build"]);
  });
});

describe("change batches and debounce", () => {
  it("merges events per path", () => {
    const batch = new ChangeBatch();
    const events: FileChange[] = [
      { path: "/a", kind: "create" },
      { path: "/a", kind: "update" },
      { path: "/b", kind: "create" },
      { path: "/b", kind: "delete" },
      { path: "/c", kind: "delete" },
      { path: "/c", kind: "create" },
      { path: "/d", kind: "update" },
      { path: "/d", kind: "delete" },
    ];
    for (const e of events) batch.add(e);
    assert.deepEqual(batch.take(), [
      { path: "/a", kind: "create" },
      { path: "/c", kind: "update" },
      { path: "/d", kind: "delete" },
    ]);
    assert.equal(batch.size, 0);
  });

  it("fires once after the quiet time, and no later than the maximum wait", () => {
    let now = 0;
    const pending: { at: number; fn: () => void; id: number }[] = [];
    let ids = 0;
    const timers: Timers = {
      setTimeout: (fn, ms) => {
        pending.push({ at: now + ms, fn, id: ++ids });
        return ids;
      },
      clearTimeout: (id) => {
        const i = pending.findIndex((p) => p.id === id);
        if (i >= 0) pending.splice(i, 1);
      },
    };
    const advance = (to: number): void => {
      now = to;
      for (const p of [...pending].filter((p) => p.at <= to)) {
        pending.splice(pending.indexOf(p), 1);
        p.fn();
      }
    };
    const fired: number[] = [];
    const debouncer = new Debouncer(
      50,
      200,
      () => fired.push(now),
      timers,
      () => now,
    );
    debouncer.poke();
    advance(30);
    debouncer.poke();
    advance(60);
    assert.deepEqual(fired, []);
    advance(80);
    assert.deepEqual(fired, [80]);
    for (let t = 100; t <= 400; t += 20) {
      advance(t);
      debouncer.poke();
    }
    assert.equal(fired.length, 2, "a continuous stream still fires at the maximum wait");
    assert.equal(fired[1], 300);
  });

  it("diffs polling snapshots", () => {
    const before = new Map([
      ["/a", "1:1"],
      ["/b", "1:1"],
    ]);
    const after = new Map([
      ["/a", "2:2"],
      ["/c", "1:1"],
    ]);
    assert.deepEqual(diffSnapshots(before, after), [
      { path: "/a", kind: "update" },
      { path: "/c", kind: "create" },
      { path: "/b", kind: "delete" },
    ]);
  });
});

async function nextBatch(
  trigger: "notify" | "polling",
  act: (dir: string) => Promise<void>,
): Promise<readonly FileChange[]> {
  const dir = await mkdtemp(join(tmpdir(), "trestle-watch-"));
  await mkdir(join(dir, "node_modules", "pkg"), { recursive: true });
  await writeFile(join(dir, "old.txt"), "x");
  const ignore: IgnoreRules = { ignoredDirs: [join(dir, "node_modules")], ignores: (p) => isEditorTemp(p) };
  const monitor = createFileMonitor({
    trigger,
    roots: [dir],
    ignore,
    debounceMs: 30,
    pollIntervalMs: 100,
    input: process.stdin,
    warn: () => undefined,
  });
  try {
    const got = new Promise<readonly FileChange[]>((resolve) => {
      void monitor.start(resolve).then(() => act(dir));
    });
    return await got;
  } finally {
    await monitor.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

for (const trigger of ["notify", "polling"] as const) {
  describe(`${trigger} monitor on a real directory`, () => {
    it("reports a write, a new file and a delete in one batch, and nothing from ignored paths", async () => {
      const changes = await nextBatch(trigger, async (dir) => {
        await writeFile(join(dir, "node_modules", "pkg", "index.js"), "ignored");
        await writeFile(join(dir, ".a.txt.swp"), "ignored");
        await writeFile(join(dir, "a.txt"), "new");
        await unlink(join(dir, "old.txt"));
      });
      const summary = changes.map((c) => `${c.kind} ${c.path.split("/").pop() ?? ""}`).sort();
      assert.deepEqual(summary, ["create a.txt", "delete old.txt"]);
    });
  });
}
