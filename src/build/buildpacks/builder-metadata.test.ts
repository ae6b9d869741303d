import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readBuilderInfo } from "./builder-metadata.js";
import { choosePlatformApi, compareApi } from "./platform-api.js";

const metadata = {
  description: "test",
  buildpacks: [
    { id: "a/node", version: "1.0.0" },
    { id: "a/go", version: "2.0.0" },
  ],
  stack: { runImage: { image: "reg/run:old", mirrors: ["mirror/run:old"] } },
  images: [{ image: "reg/run:1", mirrors: ["mirror/run:1"] }],
  lifecycle: {
    version: "0.21.11",
    api: { platform: "0.7", buildpack: "0.7" },
    apis: { platform: { deprecated: ["0.6"], supported: ["0.7", "0.10", "0.9"] } },
  },
};
const labels = {
  "io.buildpacks.builder.metadata": JSON.stringify(metadata),
  "io.buildpacks.buildpack.order": JSON.stringify([
    { group: [{ id: "a/node", version: "1.0.0" }] },
    { group: [{ id: "a/go", version: "2.0.0", optional: true }] },
  ]),
};
const env = ["PATH=/bin", "CNB_USER_ID=1001", "CNB_GROUP_ID=1002"];

describe("readBuilderInfo", () => {
  it("reads buildpacks, order, run images, lifecycle APIs and the CNB user", () => {
    const info = readBuilderInfo("b", { labels, env });
    assert.deepEqual(info.buildpacks, [
      { id: "a/node", version: "1.0.0" },
      { id: "a/go", version: "2.0.0" },
    ]);
    assert.deepEqual(info.order, [[{ id: "a/node", version: "1.0.0" }], [{ id: "a/go", version: "2.0.0" }]]);
    assert.deepEqual(info.runImages, ["reg/run:1", "mirror/run:1", "reg/run:old", "mirror/run:old"]);
    assert.equal(info.lifecycleVersion, "0.21.11");
    assert.deepEqual([...info.platformApis].sort(compareApi), ["0.6", "0.7", "0.9", "0.10"]);
    assert.equal(info.uid, 1001);
    assert.equal(info.gid, 1002);
  });

  it("prefers the io.buildpacks.lifecycle.apis label and falls back to the single API of old builders", () => {
    const apis = JSON.stringify({ platform: { deprecated: [], supported: ["0.12"] } });
    const withLabel = readBuilderInfo("b", {
      labels: { ...labels, "io.buildpacks.lifecycle.apis": apis },
      env,
    });
    assert.deepEqual(withLabel.platformApis, ["0.12"]);
    const old = { ...metadata, lifecycle: { version: "0.9.0", api: { platform: "0.4" } } };
    const oldInfo = readBuilderInfo("b", {
      labels: { "io.buildpacks.builder.metadata": JSON.stringify(old) },
      env,
    });
    assert.deepEqual(oldInfo.platformApis, ["0.4"]);
  });

  it("refuses images that are not builders, bad labels and a missing CNB user", () => {
    assert.throws(() => readBuilderInfo("busybox", { labels: {}, env }), {
      code: "BUILDPACKS_NOT_A_BUILDER",
      message: /busybox is not a buildpacks builder image/,
    });
    assert.throws(() => readBuilderInfo("b", { labels: { "io.buildpacks.builder.metadata": "{" }, env }), {
      code: "BUILDPACKS_BAD_BUILDER",
    });
    assert.throws(() => readBuilderInfo("b", { labels, env: ["CNB_USER_ID=1"] }), /CNB_GROUP_ID/);
  });
});

describe("choosePlatformApi", () => {
  it("picks the highest version both sides support, comparing numerically", () => {
    assert.equal(choosePlatformApi("b", ["0.7", "0.9", "0.10", "0.15", "0.16"]), "0.15");
    assert.equal(choosePlatformApi("b", ["0.8", "0.10"], ["0.7", "0.8", "0.9"]), "0.8");
  });

  it("fails with both lists when there is no common version", () => {
    assert.throws(() => choosePlatformApi("old/builder", ["0.3", "0.4"]), {
      code: "BUILDPACKS_PLATFORM_API",
      message: /old\/builder supports Platform API 0.3, 0.4; Trestle speaks 0.7/,
    });
  });
});
