import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bytesBlob } from "./blob.js";
import { assembleImage, assembleIndex, uniqueBlobs } from "./image.js";
import * as mt from "./media-types.js";
import { parseConfig, parseManifest } from "./model.js";
import { mutateImage } from "./mutate.js";

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const layer = bytesBlob(mt.OCI_LAYER_GZIP, new Uint8Array([1, 2, 3]));
const config = {
  architecture: "amd64",
  os: "linux",
  rootfs: { type: "layers", diff_ids: [`sha256:${"1".repeat(64)}`] },
  config: { Env: ["PATH=/bin"], Cmd: ["sh"] },
  "moby.extra": { kept: true },
};

describe("manifests and configs", () => {
  it("reads the media type from the body, the Content-Type, or the shape", () => {
    const manifest = { schemaVersion: 2, config: layer.descriptor, layers: [] };
    assert.equal(
      parseManifest(encode({ ...manifest, mediaType: mt.DOCKER_MANIFEST }), undefined).mediaType,
      mt.DOCKER_MANIFEST,
    );
    assert.equal(parseManifest(encode(manifest), mt.OCI_MANIFEST).kind, "image");
    assert.equal(parseManifest(encode(manifest), "application/json").mediaType, mt.OCI_MANIFEST);
    assert.equal(parseManifest(encode({ schemaVersion: 2, manifests: [] }), undefined).kind, "index");
  });

  it("refuses schema 1 and malformed documents with clear errors", () => {
    assert.throws(
      () => parseManifest(encode({ schemaVersion: 1, mediaType: mt.DOCKER_SCHEMA1[0] }), undefined),
      /schema 1/,
    );
    assert.throws(() => parseManifest(new TextEncoder().encode("{"), undefined), /not valid JSON/);
    assert.throws(
      () => parseManifest(encode({ schemaVersion: 2, mediaType: mt.OCI_MANIFEST, layers: [] }), undefined),
      /config/,
    );
    assert.throws(
      () => parseManifest(encode({ schemaVersion: 2, mediaType: "text/plain" }), undefined),
      /unsupported/,
    );
  });

  it("keeps unknown config fields through a round trip", () => {
    const parsed = parseConfig(encode(config));
    assert.deepEqual(JSON.parse(JSON.stringify(parsed)), config);
  });
});

describe("images and indexes", () => {
  const assemble = () =>
    assembleImage({
      mediaType: mt.OCI_MANIFEST,
      configMediaType: mt.OCI_CONFIG,
      config: parseConfig(encode(config)),
      layers: [layer],
    });
  const base = assemble();

  it("serialises once and digests the exact bytes", () => {
    const again = assemble();
    assert.equal(base.digest, again.digest);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(base.bytes)).config, base.configBlob.descriptor);
  });

  it("appends layers, diffIDs and history without touching the base", () => {
    const added = bytesBlob(mt.OCI_LAYER_GZIP, new Uint8Array([9]));
    const child = mutateImage(base, {
      layers: [{ layer: { blob: added, diffId: `sha256:${"2".repeat(64)}` }, history: { comment: "two" } }],
      config: (c) => ({ ...c, author: "me" }),
      annotations: { a: "b" },
    });
    assert.deepEqual(child.config.rootfs.diff_ids, [`sha256:${"1".repeat(64)}`, `sha256:${"2".repeat(64)}`]);
    assert.deepEqual(child.config.history, [{ comment: "two" }]);
    assert.equal(child.config.author, "me");
    assert.deepEqual(child.manifest.annotations, { a: "b" });
    assert.equal(child.layers.length, 2);
    assert.equal(base.config.rootfs.diff_ids.length, 1);
    assert.equal(base.config.author, undefined);
  });

  it("indexes images with their platforms and lists every blob once", () => {
    const index = assembleIndex(mt.OCI_INDEX, [
      { image: base, platform: { os: "linux", architecture: "amd64" } },
      { image: base, platform: { os: "linux", architecture: "arm64" }, annotations: { x: "y" } },
    ]);
    assert.equal(index.manifest.manifests.length, 2);
    assert.equal(index.manifest.manifests[1]?.annotations?.["x"], "y");
    assert.equal(index.manifest.manifests[0]?.digest, base.digest);
    assert.equal(uniqueBlobs(index).length, 2);
  });
});
