// A 100,000-file workspace: the second (warm) digest, in a new store loaded from disk as a new process would,
// must not read a single file; changing one file must re-read exactly that file. No timing assertions: the
// figures are in bench/cache-check.ts.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileSetDigest } from "./file-set-digest.js";
import { FileHashStore } from "./file-hashes.js";
import { countingHashes, generateWorkspace } from "./testing.js";

const DIRS = 1000;
const FILES_PER_DIR = 100;
/** tmpfs when there is one: deleting 100,000 files from a disk mounted with `discard` can take minutes. */
function scratch(): string {
  try {
    return mkdtempSync("/dev/shm/trestle-100k-");
  } catch {
    return mkdtempSync(join(tmpdir(), "trestle-100k-"));
  }
}
const root = scratch();
after(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("file-hash store on 100,000 files", () => {
  it("re-hashes nothing on a warm check, and only what changed after an edit", async () => {
    const files = generateWorkspace(root, DIRS, FILES_PER_DIR);
    assert.equal(files.length, 100_000);
    const storeFile = join(root, "store.json");

    const cold = countingHashes();
    const coldStore = await FileHashStore.open(storeFile, root, cold.options);
    const coldDigest = await fileSetDigest(root, files, coldStore);
    await coldStore.save();
    assert.equal(cold.reads(), 100_000);

    const warm = countingHashes();
    const warmStore = await FileHashStore.open(storeFile, root, warm.options);
    assert.equal(warmStore.size, 100_000);
    assert.equal(await fileSetDigest(root, files, warmStore), coldDigest);
    assert.equal(warm.reads(), 0);

    const edited = files[12_345] ?? "";
    writeFileSync(edited, "export const changed = true;\n");
    const after = countingHashes();
    const afterStore = await FileHashStore.open(storeFile, root, after.options);
    assert.notEqual(await fileSetDigest(root, files, afterStore), coldDigest);
    assert.equal(after.reads(), 1);
  });
});
