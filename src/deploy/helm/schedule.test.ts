import assert from "node:assert/strict";
import { test } from "node:test";
import { scheduleReleases } from "./schedule.js";

/** A fake runner: each release finishes when the test says so; records starts and the peak of parallel work. */
function fakeRunner() {
  const started: string[] = [];
  const finish = new Map<string, { ok: () => void; fail: (e: Error) => void }>();
  let running = 0;
  let peak = 0;
  const work = (release: { name: string }): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      started.push(release.name);
      running += 1;
      peak = Math.max(peak, running);
      finish.set(release.name, {
        ok: () => {
          running -= 1;
          resolve(`deployed ${release.name}`);
        },
        fail: (e) => {
          running -= 1;
          reject(e);
        },
      });
    });
  const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
  return { started, finish, work, tick, peak: () => peak };
}

const r = (name: string, dependsOn: string[] = []) => ({ name, dependsOn });

test("concurrency 2: two releases at a time, results in the given order", async () => {
  const f = fakeRunner();
  const all = scheduleReleases([r("a"), r("b"), r("c"), r("d")], 2, f.work);
  await f.tick();
  assert.deepEqual(f.started, ["a", "b"]);
  f.finish.get("b")?.ok();
  await f.tick();
  assert.deepEqual(f.started, ["a", "b", "c"]);
  f.finish.get("a")?.ok();
  await f.tick();
  assert.deepEqual(f.started, ["a", "b", "c", "d"]);
  f.finish.get("c")?.ok();
  f.finish.get("d")?.ok();
  assert.deepEqual(await all, ["deployed a", "deployed b", "deployed c", "deployed d"]);
  assert.equal(f.peak(), 2);
});

test("concurrency 1 (the default) runs one after another; 0 runs everything at once", async () => {
  const one = fakeRunner();
  const serial = scheduleReleases([r("a"), r("b"), r("c")], 1, one.work);
  for (const name of ["a", "b", "c"]) {
    await one.tick();
    assert.equal(one.started.at(-1), name);
    one.finish.get(name)?.ok();
  }
  await serial;
  assert.equal(one.peak(), 1);

  const unlimited = fakeRunner();
  const parallel = scheduleReleases([r("a"), r("b"), r("c")], 0, unlimited.work);
  await unlimited.tick();
  assert.deepEqual(unlimited.started, ["a", "b", "c"]);
  for (const name of ["c", "a", "b"]) unlimited.finish.get(name)?.ok();
  assert.deepEqual(await parallel, ["deployed a", "deployed b", "deployed c"]);
  assert.equal(unlimited.peak(), 3);
});

test("a release waits for the releases it dependsOn, even with free slots", async () => {
  const f = fakeRunner();
  const all = scheduleReleases(
    [r("db"), r("cache"), r("api", ["db", "cache"]), r("web", ["api"])],
    0,
    f.work,
  );
  await f.tick();
  assert.deepEqual(f.started, ["db", "cache"]);
  f.finish.get("db")?.ok();
  await f.tick();
  assert.deepEqual(f.started, ["db", "cache"], "api still waits for cache");
  f.finish.get("cache")?.ok();
  await f.tick();
  assert.deepEqual(f.started, ["db", "cache", "api"]);
  f.finish.get("api")?.ok();
  await f.tick();
  f.finish.get("web")?.ok();
  assert.equal((await all).length, 4);
});

test("after a failure nothing new starts; running releases finish, then the first error is raised", async () => {
  const f = fakeRunner();
  const all = scheduleReleases([r("a"), r("b"), r("c")], 2, f.work);
  await f.tick();
  f.finish.get("a")?.fail(new Error("helm upgrade a failed"));
  await f.tick();
  assert.deepEqual(f.started, ["a", "b"], "c never starts");
  let settled = false;
  void all.catch(() => (settled = true));
  await f.tick();
  assert.equal(settled, false, "b is still running");
  f.finish.get("b")?.ok();
  await assert.rejects(all, /helm upgrade a failed/);
});
