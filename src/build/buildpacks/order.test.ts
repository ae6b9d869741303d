import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { BuilderInfo } from "./builder-metadata.js";
import { orderToml, resolveGroup } from "./order.js";
import { parseToml } from "./toml.js";
import { isTrustedBuilder } from "./trusted.js";

const info: BuilderInfo = {
  buildpacks: [
    { id: "a/node", version: "1.0.0" },
    { id: "a/node", version: "2.0.0" },
    { id: "a/go", version: "3.0.0" },
  ],
  order: [],
  runImages: [],
  lifecycleVersion: "",
  platformApis: [],
  uid: 1,
  gid: 2,
};

describe("buildpack groups", () => {
  it("resolves ids and id@version against the builder", () => {
    assert.deepEqual(resolveGroup("b", ["a/go", "a/node@2.0.0"], info), [
      { id: "a/go", version: "3.0.0" },
      { id: "a/node", version: "2.0.0" },
    ]);
  });

  it("refuses unknown buildpacks (listing the builder's) and URIs", () => {
    assert.throws(() => resolveGroup("b", ["a/python"], info), {
      code: "BUILDPACKS_UNKNOWN_BUILDPACK",
      message: /a\/python is not in builder b \(it has: a\/node@1.0.0, a\/node@2.0.0, a\/go@3.0.0\)/,
    });
    assert.throws(() => resolveGroup("b", ["docker://x/y"], info), {
      code: "BUILDPACKS_UNSUPPORTED_BUILDPACK",
    });
  });

  it("writes order.toml with one group, owned by the CNB user", () => {
    const entry = orderToml([{ id: "a/go", version: "3.0.0" }], { uid: 1, gid: 2 });
    assert.equal(entry.type, "file");
    assert.equal(entry.path, "layers/order.toml");
    assert.deepEqual(entry.meta, { uid: 1, gid: 2 });
    const bytes = entry.type === "file" && "bytes" in entry.source ? entry.source.bytes : new Uint8Array();
    assert.deepEqual(parseToml(new TextDecoder().decode(bytes)), {
      order: [{ group: [{ id: "a/go", version: "3.0.0" }] }],
    });
  });

  it("trusts pack's known builders by repository or exact tag", () => {
    assert.equal(isTrustedBuilder("paketobuildpacks/builder-jammy-base:0.4.1"), true);
    assert.equal(isTrustedBuilder("docker.io/paketobuildpacks/builder-jammy-tiny"), true);
    assert.equal(isTrustedBuilder("heroku/builder:24"), true);
    assert.equal(isTrustedBuilder("heroku/builder:18"), false);
    assert.equal(isTrustedBuilder("localhost:5000/trestle/cnb-builder:google"), false);
  });
});
