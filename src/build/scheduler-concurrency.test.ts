import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mapLimit, resolveBuildConcurrency } from "./scheduler-concurrency.js";

describe("resolveBuildConcurrency", () => {
  // Skaffold's getConcurrency (builder_mux.go) and its tests.
  it("prefers --build-concurrency when it is 0 or more", () => {
    assert.equal(resolveBuildConcurrency([{ local: { concurrency: 3 } }], 0), 0);
    assert.equal(resolveBuildConcurrency([{ local: { concurrency: 3 } }], 5), 5);
  });

  it("defaults to 1 when no build environment sets a concurrency", () => {
    assert.equal(resolveBuildConcurrency([]), 1);
    assert.equal(resolveBuildConcurrency([{ local: {} }, {}]), 1);
  });

  it("treats an unset Cloud Build or cluster concurrency as unlimited", () => {
    assert.equal(resolveBuildConcurrency([{ googleCloudBuild: {} }]), 0);
    assert.equal(resolveBuildConcurrency([{ cluster: {} }]), 0);
  });

  it("takes the smallest positive limit across pipelines", () => {
    assert.equal(
      resolveBuildConcurrency([{ local: { concurrency: 0 } }, { cluster: { concurrency: 4 } }]),
      4,
    );
    assert.equal(resolveBuildConcurrency([{ local: { concurrency: 3 } }, { local: { concurrency: 2 } }]), 2);
    assert.equal(resolveBuildConcurrency([{ local: { concurrency: 2 } }, { googleCloudBuild: {} }]), 2);
  });
});

describe("mapLimit", () => {
  it("keeps the order of results and never exceeds the limit", async () => {
    let active = 0;
    let peak = 0;
    const results = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, n));
      active--;
      return n * 10;
    });
    assert.deepEqual(results, [50, 10, 40, 20, 30]);
    assert.equal(peak, 2);
  });

  it("runs everything at once with a limit of 0, and handles no items", async () => {
    let active = 0;
    let peak = 0;
    await mapLimit([1, 2, 3], 0, async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setImmediate(resolve));
      active--;
    });
    assert.equal(peak, 3);
    assert.deepEqual(await mapLimit([], 4, () => Promise.resolve(1)), []);
  });

  it("rejects with the first failure", async () => {
    await assert.rejects(
      mapLimit([1, 2], 1, (n) => (n === 2 ? Promise.reject(new Error("two")) : Promise.resolve(n))),
      {
        message: "two",
      },
    );
  });
});
