import assert from "node:assert/strict";
import { test } from "node:test";
import { waitForPendingDeletions, type TerminatingObject } from "./pending-deletions.js";

/** A fake clock that advances only when the waiter sleeps. */
function clock(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let time = 0;
  const slept: number[] = [];
  return {
    now: () => time,
    sleep: (ms) => {
      slept.push(ms);
      time += ms;
      return Promise.resolve();
    },
    slept,
  };
}

const web: TerminatingObject = { kind: "Deployment", name: "web", namespace: "n" };
const db: TerminatingObject = { kind: "StatefulSet", name: "db", namespace: "n" };

test("waits while objects terminate, printing a line each time the set changes", async () => {
  const answers: TerminatingObject[][] = [[web, db], [web, db], [web], []];
  const lines: string[] = [];
  const c = clock();
  await waitForPendingDeletions(() => Promise.resolve(answers.shift() ?? []), {
    maxMs: 60_000,
    delayMs: 2_000,
    output: (line) => lines.push(line),
    signal: new AbortController().signal,
    ...c,
  });
  assert.deepEqual(lines, [
    "Waiting for deletions: 2 object(s) still terminating (deployment/web, statefulset/db)…",
    "Waiting for deletions: 1 object(s) still terminating (deployment/web)…",
  ]);
  assert.deepEqual(c.slept, [2_000, 2_000, 2_000]);
  assert.equal(answers.length, 0);
});

test("nothing terminating: no line, no wait", async () => {
  const lines: string[] = [];
  const c = clock();
  await waitForPendingDeletions(() => Promise.resolve([]), {
    maxMs: 1_000,
    delayMs: 100,
    output: (line) => lines.push(line),
    signal: new AbortController().signal,
    ...c,
  });
  assert.deepEqual(lines, []);
  assert.deepEqual(c.slept, []);
});

test("still terminating after the maximum: a user error naming the objects and the flags", async () => {
  const c = clock();
  await assert.rejects(
    waitForPendingDeletions(() => Promise.resolve([web]), {
      maxMs: 5_000,
      delayMs: 2_000,
      output: () => undefined,
      signal: new AbortController().signal,
      ...c,
    }),
    (error: Error & { code?: string; hint?: string }) =>
      error.code === "DEPLOY_PENDING_DELETIONS" &&
      /1 object\(s\) to deploy were still terminating after 5s: deployment\/web/.test(error.message) &&
      /--wait-for-deletions-max/.test(error.hint ?? "") &&
      /--wait-for-deletions=false/.test(error.hint ?? ""),
  );
  assert.deepEqual(c.slept, [2_000, 2_000, 2_000]);
});
