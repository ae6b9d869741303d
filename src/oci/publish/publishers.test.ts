import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { bytesBlob } from "../blob.js";
import { diskBlobCache } from "../blob-cache.js";
import { digestHex } from "../digest.js";
import type { Image } from "../image.js";
import { assembleImage, assembleIndex } from "../image.js";
import * as mt from "../media-types.js";
import type { IndexManifest } from "../model.js";
import { parseReference } from "../reference.js";
import type { EngineImages } from "./engine-publisher.js";
import { enginePublisher } from "./engine-publisher.js";
import { layoutPublisher } from "./layout-publisher.js";
import { imageForPlatform } from "./publisher.js";
import { tarballPublisher } from "./tarball-publisher.js";

function image(arch: string): Image {
  const layer = bytesBlob(mt.DOCKER_LAYER_GZIP, Buffer.from(`layer-${arch}`));
  const config = {
    architecture: arch,
    os: "linux",
    rootfs: { type: "layers", diff_ids: [layer.descriptor.digest] },
  };
  return assembleImage({
    mediaType: mt.DOCKER_MANIFEST,
    configMediaType: mt.DOCKER_CONFIG,
    config,
    layers: [layer, layer],
  });
}

const index = assembleIndex(mt.DOCKER_MANIFEST_LIST, [
  { image: image("amd64"), platform: { os: "linux", architecture: "amd64" } },
  { image: image("arm64"), platform: { os: "linux", architecture: "arm64" } },
]);

describe("publishers", () => {
  it("picks the image of an index for a platform", () => {
    assert.equal(
      imageForPlatform(index, { os: "linux", architecture: "arm64" }).config.architecture,
      "arm64",
    );
    assert.equal(
      imageForPlatform(index, { os: "linux", architecture: "s390x" }).config.architecture,
      "amd64",
    );
  });

  it("writes a docker-load tarball: config, each layer once, manifest.json last", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trestle-tarball-"));
    const file = join(dir, "image.tar");
    const img = image("amd64");
    const result = await tarballPublisher(file, { cache: diskBlobCache(join(dir, "cache")) }).publish(
      img,
      parseReference("localhost:5000/app:v1"),
    );
    assert.equal(result.imageId, img.configBlob.descriptor.digest);
    const names = execFileSync("tar", ["-tf", file], { encoding: "utf8" }).trim().split("\n");
    const layerFile = `${digestHex(img.layers[0]!.descriptor.digest)}.tar.gz`;
    assert.deepEqual(names, [
      `${digestHex(img.configBlob.descriptor.digest)}.json`,
      layerFile,
      "manifest.json",
    ]);
    const manifest = JSON.parse(execFileSync("tar", ["-xOf", file, "manifest.json"], { encoding: "utf8" }));
    assert.deepEqual(manifest, [
      { Config: names[0], RepoTags: ["localhost:5000/app:v1"], Layers: [layerFile, layerFile] },
    ]);
  });

  it("writes an OCI layout with index.json last, keeping other names", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trestle-layout-"));
    const publisher = layoutPublisher(dir);
    await publisher.publish(image("amd64"), parseReference("app:one"));
    const result = await publisher.publish(index, parseReference("app:two"));
    assert.equal(result.digest, index.digest);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, "oci-layout"), "utf8")), {
      imageLayoutVersion: "1.0.0",
    });
    const top = JSON.parse(readFileSync(join(dir, "index.json"), "utf8")) as IndexManifest;
    assert.deepEqual(
      top.manifests.map((d) => [d.annotations?.["org.opencontainers.image.ref.name"], d.mediaType]),
      [
        ["one", mt.DOCKER_MANIFEST],
        ["two", mt.DOCKER_MANIFEST_LIST],
      ],
    );
    const blobs = readdirSync(join(dir, "blobs", "sha256"));
    for (const digest of [
      index.digest,
      ...index.images.map((i) => i.digest),
      ...index.images.map((i) => i.configBlob.descriptor.digest),
    ]) {
      assert.ok(blobs.includes(digestHex(digest)), digest);
    }
    assert.equal(blobs.filter((b) => b.endsWith(".tmp")).length, 0);
  });

  it("loads into the engine only when it lacks the image, else just tags it", async () => {
    const calls: string[] = [];
    let has = false;
    const engine: EngineImages = {
      platform: () => Promise.resolve({ os: "linux", architecture: "arm64" }),
      exists: (id) => (calls.push(`exists ${id.slice(0, 13)}`), Promise.resolve(has)),
      tag: (id, repo, tag) => (calls.push(`tag ${repo}:${tag}`), Promise.resolve()),
      load: async (archive) => {
        let size = 0;
        for await (const chunk of archive) size += chunk.length;
        calls.push(`load ${size > 0}`);
      },
    };
    const cache = diskBlobCache(mkdtempSync(join(tmpdir(), "trestle-cache-")));
    const publisher = enginePublisher({ engine, cache });
    const first = await publisher.publish(index, parseReference("docker.io/library/app:v1"));
    const arm = index.images[1]!.configBlob.descriptor.digest;
    assert.deepEqual(first, { reference: "app:v1", imageId: arm });
    has = true;
    await publisher.publish(index, parseReference("localhost:5000/app:v2"));
    assert.deepEqual(calls, [
      `exists ${arm.slice(0, 13)}`,
      "load true",
      `exists ${arm.slice(0, 13)}`,
      "tag localhost:5000/app:v2",
    ]);
  });
});
