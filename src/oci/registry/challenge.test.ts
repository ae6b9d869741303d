import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseChallenges, pickChallenge } from "./challenge.js";

describe("WWW-Authenticate", () => {
  it("parses a Docker Bearer challenge", () => {
    assert.deepEqual(
      parseChallenges(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      ),
      [
        {
          scheme: "bearer",
          params: {
            realm: "https://auth.docker.io/token",
            service: "registry.docker.io",
            scope: "repository:library/nginx:pull",
          },
        },
      ],
    );
  });

  it("parses several challenges, bare tokens, spaces and escaped quotes", () => {
    const parsed = parseChallenges(
      'Basic realm="a \\"quoted\\" realm", Bearer realm = https://x/token , error=insufficient_scope',
    );
    assert.deepEqual(parsed, [
      { scheme: "basic", params: { realm: 'a "quoted" realm' } },
      { scheme: "bearer", params: { realm: "https://x/token", error: "insufficient_scope" } },
    ]);
  });

  it("lowercases schemes and parameter names, and survives garbage", () => {
    assert.deepEqual(parseChallenges('BASIC Realm="r"'), [{ scheme: "basic", params: { realm: "r" } }]);
    assert.deepEqual(parseChallenges(""), []);
    assert.deepEqual(parseChallenges(', ,"'), []);
  });

  it("prefers Bearer over Basic, and ignores schemes it cannot answer", () => {
    assert.equal(pickChallenge(parseChallenges('Basic realm="r", Bearer realm="t"'))?.scheme, "bearer");
    assert.equal(pickChallenge(parseChallenges('Negotiate, Basic realm="r"'))?.scheme, "basic");
    assert.equal(pickChallenge(parseChallenges("Negotiate")), undefined);
  });
});
