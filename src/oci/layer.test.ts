import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { gunzipSync } from "node:zlib";
import type { TarEntry } from "../util/tar.js";
import { readAll } from "./blob.js";
import { sha256Digest } from "./digest.js";
import { createLayer, normalizeEntries } from "./layer.js";
import { OCI_LAYER, OCI_LAYER_GZIP } from "./media-types.js";

async function bytesOf(open: () => AsyncIterable<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await readAll(open()));
}

function entries(dir: string): TarEntry[] {
  const file = join(dir, "app");
  writeFileSync(file, Buffer.alloc(100_000, 3));
  return [
    { type: "file", path: "ko-app/app", mode: 0o555, size: 100_000, source: { file } },
    { type: "dir", path: "ko-app", mode: 0o555 },
    {
      type: "file",
      path: "a/b.txt",
      mode: 0o644,
      size: 2,
      source: { bytes: new TextEncoder().encode("hi") },
      meta: { uid: 1000, uname: "me" },
    },
    { type: "dir", path: "/a/", mode: 0o755 },
  ];
}

describe("createLayer", () => {
  it("gives the same digest and diffID for the same content in any order", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trestle-layer-"));
    const list = entries(dir);
    const one = await createLayer(normalizeEntries(list, 0), { mediaType: OCI_LAYER_GZIP });
    const two = await createLayer(normalizeEntries([...list].reverse(), 0), { mediaType: OCI_LAYER_GZIP });
    assert.equal(one.blob.descriptor.digest, two.blob.descriptor.digest);
    assert.equal(one.diffId, two.diffId);
    const later = await createLayer(normalizeEntries(list, 1_700_000_000), { mediaType: OCI_LAYER_GZIP });
    assert.notEqual(later.diffId, one.diffId);
  });

  it("computes the digest over the compressed bytes and the diffID over the tar", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trestle-layer-"));
    const layer = await createLayer(normalizeEntries(entries(dir), 0), {
      mediaType: OCI_LAYER_GZIP,
      gzipLevel: 9,
    });
    const blob = await bytesOf(() => layer.blob.open());
    assert.equal(layer.blob.descriptor.size, blob.length);
    assert.equal(layer.blob.descriptor.digest, sha256Digest(blob));
    assert.equal(layer.diffId, sha256Digest(gunzipSync(blob)));
    assert.deepEqual(await bytesOf(() => layer.blob.open(10)), blob.subarray(10));
  });

  it("changes the digest but not the diffID with the gzip level", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trestle-layer-"));
    const fast = await createLayer(normalizeEntries(entries(dir), 0), {
      mediaType: OCI_LAYER_GZIP,
      gzipLevel: 1,
    });
    const best = await createLayer(normalizeEntries(entries(dir), 0), {
      mediaType: OCI_LAYER_GZIP,
      gzipLevel: 9,
    });
    assert.equal(fast.diffId, best.diffId);
    assert.notEqual(fast.blob.descriptor.digest, best.blob.descriptor.digest);
  });

  it("does not compress plain tar layers, so digest equals diffID", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trestle-layer-"));
    const layer = await createLayer(normalizeEntries(entries(dir), 0), { mediaType: OCI_LAYER });
    assert.equal(layer.blob.descriptor.digest, layer.diffId);
  });

  it("writes sorted, root-owned entries with one fixed time", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trestle-layer-"));
    const layer = await createLayer(normalizeEntries(entries(dir), 315_532_800), { mediaType: OCI_LAYER });
    const tarFile = join(dir, "layer.tar");
    writeFileSync(tarFile, await bytesOf(() => layer.blob.open()));
    const listing = execFileSync("tar", ["--numeric-owner", "--full-time", "-tvf", tarFile], {
      encoding: "utf8",
      env: { ...process.env, TZ: "UTC" },
    });
    const lines = listing.trim().split("\n");
    assert.deepEqual(
      lines.map((l) => l.split(/\s+/).slice(-1)[0]),
      ["a/", "a/b.txt", "ko-app/", "ko-app/app"],
    );
    for (const line of lines) {
      assert.match(line, /^[-d]r\S+ 0\/0 /);
      assert.match(line, / 1980-01-01 00:00:00 /);
    }
    assert.match(lines[3]!, /^-r-xr-xr-x /);
  });
});
