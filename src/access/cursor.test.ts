import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LogCursor, timestampNanos } from "./cursor.js";

describe("log cursor bookkeeping", () => {
  it("compares kubelet timestamps whose fractions have trimmed zeros", () => {
    const a = timestampNanos("2026-11-22T06:23:55.3160455Z");
    const b = timestampNanos("2026-11-22T06:23:55.316045501Z");
    assert.ok(a !== undefined && b !== undefined && a < b);
    assert.equal(timestampNanos("2026-11-22T06:23:55Z"), 1795328635000000000n);
    assert.equal(timestampNanos("garbage"), undefined);
  });
  it("accepts each line once when a log is read again from the last timestamp", () => {
    const c = new LogCursor();
    const first = ["2026-11-22T06:00:00.1Z", "2026-11-22T06:00:00.2Z", "2026-11-22T06:00:00.2Z"];
    assert.deepEqual(
      first.map((t) => c.accept(t)),
      [true, true, true],
    );
    c.rewind();
    // The re-read starts at the second: everything printed is offered again, then one new line at the same time.
    const again = [...first, "2026-11-22T06:00:00.2Z", "2026-11-22T06:00:01Z"];
    assert.deepEqual(
      again.map((t) => c.accept(t)),
      [false, false, false, true, true],
    );
    assert.equal(c.sinceTime(), "2026-11-22T06:00:01Z");
  });
  it("drops lines before --since and starts re-reads there", () => {
    const since = new Date("2026-11-22T06:00:00Z");
    const c = new LogCursor(since);
    assert.equal(c.sinceTime(), "2026-11-22T06:00:00.000Z");
    assert.equal(c.accept("2026-11-22T05:59:59.9Z"), false);
    assert.equal(c.accept("2026-11-22T06:00:00.5Z"), true);
    assert.equal(c.accept("untimed line"), true);
  });
});
