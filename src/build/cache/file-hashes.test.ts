import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { FileHashStore } from "./file-hashes.js";
import { countingHashes } from "./testing.js";

const root = mkdtempSync(join(tmpdir(), "trestle-hashes-"));
after(() => {
  rmSync(root, { recursive: true, force: true });
});

const HOUR_AGO = Date.now() / 1000 - 3600;
let projects = 0;

/** A fresh project directory with the given files, last modified an hour ago (not "racy"). */
function project(files: Record<string, string>): string {
  const dir = join(root, `p${projects++}`);
  mkdirSync(dir);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), content);
    utimesSync(join(dir, file), HOUR_AGO, HOUR_AGO);
  }
  return dir;
}

const sha = (text: string) => createHash("sha256").update(text).digest("base64url");

describe("FileHashStore", () => {
  it("digests files, symlinks and directories, and leaves out missing files", async () => {
    const dir = project({ "a.txt": "hello", "sub/b.txt": "bye" });
    symlinkSync("a.txt", join(dir, "link"));
    const store = await FileHashStore.open(undefined, dir);
    const got = await store.digests([
      join(dir, "a.txt"),
      join(dir, "link"),
      join(dir, "sub"),
      join(dir, "nope"),
    ]);
    assert.deepEqual(got.get(join(dir, "a.txt")), {
      kind: "file",
      mode: statSync(join(dir, "a.txt")).mode & 0o7777,
      digest: sha("hello"),
    });
    assert.equal(got.get(join(dir, "link"))?.kind, "symlink");
    assert.equal(got.get(join(dir, "link"))?.digest, "a.txt");
    assert.equal(got.get(join(dir, "sub"))?.kind, "directory");
    assert.equal(got.has(join(dir, "nope")), false);
  });

  it("reads each file once while it is unchanged, across runs", async () => {
    const dir = project({ "a.txt": "one", "b.txt": "two" });
    const file = join(dir, ".store.json");
    const paths = [join(dir, "a.txt"), join(dir, "b.txt")];
    const first = countingHashes();
    const store = await FileHashStore.open(file, dir, first.options);
    await store.digests(paths);
    await store.digests(paths);
    assert.equal(first.reads(), 2);
    await store.save();

    const second = countingHashes();
    const reopened = await FileHashStore.open(file, dir, second.options);
    assert.deepEqual(await reopened.digests(paths), await store.digests(paths));
    assert.equal(second.reads(), 0);
  });

  it("remembers files outside the project root too", async () => {
    const outside = project({ "shared.txt": "s" });
    const dir = project({ "a.txt": "a" });
    const file = join(dir, ".store.json");
    const paths = [join(dir, "a.txt"), join(outside, "shared.txt")];
    const store = await FileHashStore.open(file, dir);
    const first = await store.digests(paths);
    await store.save();
    assert.match(readFileSync(file, "utf8"), /"\.\.\/p\d+\/shared\.txt"/);
    const counter = countingHashes();
    const reopened = await FileHashStore.open(file, dir, counter.options);
    assert.deepEqual(await reopened.digests(paths), first);
    assert.equal(counter.reads(), 0);
  });

  it("reads a file again when its content changes, even with the same size and mtime", async () => {
    const dir = project({ "a.txt": "one" });
    const path = join(dir, "a.txt");
    const counter = countingHashes();
    const store = await FileHashStore.open(undefined, dir, counter.options);
    const before = (await store.digests([path])).get(path)?.digest;
    writeFileSync(path, "two");
    utimesSync(path, HOUR_AGO, HOUR_AGO);
    const after = (await store.digests([path])).get(path)?.digest;
    assert.equal(counter.reads(), 2, "ctime moved, so the file is read again");
    assert.notEqual(after, before);
  });

  it("does not trust a file modified just before it was read", async () => {
    const dir = project({});
    const path = join(dir, "fresh.txt");
    writeFileSync(path, "new");
    const counter = countingHashes();
    const store = await FileHashStore.open(undefined, dir, counter.options);
    await store.digests([path]);
    await store.digests([path]);
    assert.equal(counter.reads(), 2);
    const relaxed = countingHashes({ racyWindowMs: 0, now: () => Date.now() + 1000 });
    const trusting = await FileHashStore.open(undefined, dir, relaxed.options);
    await trusting.digests([path]);
    await trusting.digests([path]);
    assert.equal(relaxed.reads(), 1);
  });

  it("streams large files", async () => {
    const dir = project({});
    const path = join(dir, "big.bin");
    const data = Buffer.alloc(9 * 1024 * 1024, 7);
    writeFileSync(path, data);
    const store = await FileHashStore.open(undefined, dir);
    const got = await store.digests([path]);
    assert.equal(got.get(path)?.digest, createHash("sha256").update(data).digest("base64url"));
  });

  it("ignores a corrupt store or one written for another root, with a warning", async () => {
    const dir = project({ "a.txt": "x" });
    const file = join(dir, ".store.json");
    const warnings: string[] = [];
    writeFileSync(file, "{not json");
    assert.equal((await FileHashStore.open(file, dir, { warn: (w) => warnings.push(w) })).size, 0);
    const store = await FileHashStore.open(file, dir);
    await store.digests([join(dir, "a.txt")]);
    await store.save();
    assert.equal(
      (await FileHashStore.open(file, join(dir, "sub"), { warn: (w) => warnings.push(w) })).size,
      0,
    );
    assert.equal(warnings.length, 2);
    assert.match(warnings[0] ?? "", /Ignoring the file-hash cache .*JSON/);
    assert.match(warnings[1] ?? "", /written for /);
  });

  it("saves only when something changed, and forgets deleted files", async () => {
    const dir = project({ "a.txt": "x", "b.txt": "y" });
    const file = join(dir, ".store.json");
    const store = await FileHashStore.open(file, dir);
    await store.digests([join(dir, "a.txt"), join(dir, "b.txt")]);
    await store.save();
    const written = readFileSync(file, "utf8");
    await store.digests([join(dir, "a.txt")]);
    await store.save();
    assert.equal(readFileSync(file, "utf8"), written);
    rmSync(join(dir, "b.txt"));
    await store.digests([join(dir, "b.txt")]);
    await store.save();
    assert.equal((await FileHashStore.open(file, dir)).size, 1);
  });
});
