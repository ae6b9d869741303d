import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { ArtifactCache } from "./artifact-cache.js";
import { artifactCacheFile, fileHashStoreFile } from "./paths.js";

const dir = mkdtempSync(join(tmpdir(), "trestle-cache-"));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});
let n = 0;
const fresh = () => join(dir, `cache-${n++}`);
const at = (iso: string) => () => new Date(iso);

describe("ArtifactCache", () => {
  it("misses, records, saves and hits in a later run", async () => {
    const file = fresh();
    const cache = await ArtifactCache.open(file, { now: at("2026-01-01T00:00:00Z") });
    assert.deepEqual(cache.lookup("k1"), { hit: false });
    cache.record("k1", "app", { reference: "app:v1@sha256:aa", digest: "sha256:aa" });
    cache.record("k2", "web", { reference: "web:v1", imageId: "sha256:bb" });
    await cache.save();

    const later = await ArtifactCache.open(file);
    assert.deepEqual(later.lookup("k1"), {
      hit: true,
      image: { imageName: "app", reference: "app:v1@sha256:aa", digest: "sha256:aa" },
    });
    assert.deepEqual(later.lookup("k2"), {
      hit: true,
      image: { imageName: "web", reference: "web:v1", imageId: "sha256:bb" },
    });
    const saved = JSON.parse(readFileSync(file, "utf8"));
    assert.equal(saved.version, 1);
    assert.equal(saved.entries.k1.lastUsed, "2026-01-01T00:00:00.000Z");
  });

  it("merges with entries another process saved meanwhile, and forgets", async () => {
    const file = fresh();
    const one = await ArtifactCache.open(file);
    const two = await ArtifactCache.open(file);
    one.record("a", "app", { reference: "app:1" });
    two.record("b", "app", { reference: "app:2" });
    await one.save();
    await two.save();
    const both = await ArtifactCache.open(file);
    assert.equal(both.lookup("a").hit, true);
    assert.equal(both.lookup("b").hit, true);
    both.forget("a");
    await both.save();
    assert.equal((await ArtifactCache.open(file)).lookup("a").hit, false);
  });

  it("ignores a corrupt file with a warning, and leaves an unchanged cache unwritten", async () => {
    const file = fresh();
    writeFileSync(file, "digest: sha256:skaffold-yaml\n");
    const warnings: string[] = [];
    const cache = await ArtifactCache.open(file, { warn: (w) => warnings.push(w) });
    assert.equal(cache.lookup("x").hit, false);
    assert.match(warnings[0] ?? "", /^Ignoring the artifact cache .*cache-\d+: /);
    await cache.save();
    assert.equal(readFileSync(file, "utf8"), "digest: sha256:skaffold-yaml\n");
  });

  it("skips malformed entries", async () => {
    const file = fresh();
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        entries: { good: { imageName: "a", reference: "a:1", lastUsed: "x" }, bad: { imageName: 3 } },
      }),
    );
    const cache = await ArtifactCache.open(file);
    assert.equal(cache.lookup("good").hit, true);
    assert.equal(cache.lookup("bad").hit, false);
  });
});

describe("cache paths", () => {
  it("defaults to ~/.trestle/cache and honours --cache-file", () => {
    assert.equal(artifactCacheFile(undefined, "/home/u"), "/home/u/.trestle/cache");
    assert.equal(artifactCacheFile("", "/home/u"), "/home/u/.trestle/cache");
    assert.equal(artifactCacheFile("/tmp/c.json", "/home/u"), "/tmp/c.json");
  });

  it("keeps one file-hash store per project", () => {
    const a = fileHashStoreFile("/src/a", "/home/u");
    assert.match(a, /^\/home\/u\/\.trestle\/file-hashes\/[0-9a-f]{16}\.json$/);
    assert.notEqual(fileHashStoreFile("/src/b", "/home/u"), a);
    assert.equal(fileHashStoreFile("/src/a", "/home/u"), a);
  });
});
