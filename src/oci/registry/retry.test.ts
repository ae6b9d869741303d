import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_RETRY_POLICY, errorCode, isRetryableError, isRetryableStatus, retryDelay } from "./retry.js";

describe("retry policy", () => {
  it("retries throttling and server errors, not client errors or 501", () => {
    for (const status of [408, 429, 500, 502, 503, 504])
      assert.equal(isRetryableStatus(status), true, String(status));
    for (const status of [200, 201, 400, 401, 403, 404, 416, 501])
      assert.equal(isRetryableStatus(status), false, String(status));
  });

  it("retries dropped and refused connections, not TLS or DNS failures", () => {
    const err = (code: string): Error => Object.assign(new Error(code), { code });
    assert.equal(isRetryableError(err("ECONNRESET")), true);
    assert.equal(isRetryableError(err("ECONNREFUSED")), true);
    assert.equal(isRetryableError(new Error("outer", { cause: err("EPIPE") })), true);
    assert.equal(isRetryableError(new Error("socket hang up")), true);
    assert.equal(isRetryableError(err("DEPTH_ZERO_SELF_SIGNED_CERT")), false);
    assert.equal(isRetryableError(err("ENOTFOUND")), false);
    assert.equal(errorCode("text"), undefined);
  });

  it("backs off exponentially up to the cap, and honours Retry-After", () => {
    const policy = { attempts: 6, baseDelayMs: 100, maxDelayMs: 1_000 };
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((a) => retryDelay(policy, a)),
      [100, 200, 400, 800, 1_000],
    );
    assert.equal(retryDelay(policy, 1, "0"), 0);
    assert.equal(retryDelay(policy, 1, "0.5"), 500);
    assert.equal(retryDelay(policy, 1, "120"), 1_000);
    assert.equal(retryDelay(policy, 2, "Wed, 21 Oct 2015 07:28:00 GMT"), 200);
    assert.ok(DEFAULT_RETRY_POLICY.attempts >= 3);
  });
});
