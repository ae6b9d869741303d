import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { tarStream, type TarEntry } from "./tar.js";

async function collect(entries: TarEntry[]): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of tarStream(entries)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe("tarStream", () => {
  it("writes archives that GNU tar reads back exactly, including long names and links", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trestle-tar-"));
    const onDisk = join(dir, "big.bin");
    writeFileSync(onDisk, Buffer.alloc(70_000, 7));
    const longName = `deep/${"x".repeat(120)}/file.txt`;
    const archive = await collect([
      { type: "dir", path: "app", mode: 0o755 },
      {
        type: "file",
        path: "app/hello.txt",
        mode: 0o644,
        size: 6,
        source: { bytes: new TextEncoder().encode("hello\n") },
      },
      {
        type: "file",
        path: "app/run",
        mode: 0o755,
        size: 70_000,
        source: { file: onDisk },
        meta: { uid: 65532, gid: 65532, mtime: 1_700_000_000 },
      },
      {
        type: "file",
        path: longName,
        mode: 0o600,
        size: 2,
        source: { bytes: new TextEncoder().encode("ok") },
      },
      { type: "symlink", path: "app/link", target: "hello.txt" },
    ]);
    assert.equal(archive.length % 512, 0);
    const file = join(dir, "out.tar");
    writeFileSync(file, archive);
    const listing = execFileSync("tar", ["--numeric-owner", "-tvf", file], { encoding: "utf8" });
    assert.match(listing, /^drwxr-xr-x 0\/0 +0 1970-01-01 00:00 app\/$/m);
    assert.match(listing, /^-rwxr-xr-x 65532\/65532 +70000 2023-11-14 \d\d:\d\d app\/run$/m);
    assert.match(listing, /^lrwxrwxrwx 0\/0 +0 1970-01-01 00:00 app\/link -> hello\.txt$/m);
    assert.ok(listing.includes(longName), "the PAX header carries the long name");
    const out = join(dir, "x");
    execFileSync("mkdir", [out]);
    execFileSync("tar", ["-xf", file, "-C", out]);
    assert.equal(readFileSync(join(out, "app", "hello.txt"), "utf8"), "hello\n");
    assert.deepEqual(readFileSync(join(out, "app", "run")), readFileSync(onDisk));
    assert.equal(readFileSync(join(out, longName), "utf8"), "ok");
  });

  it("is deterministic and fails when a file's size does not match", async () => {
    const entries: TarEntry[] = [
      { type: "file", path: "a", mode: 0o644, size: 1, source: { bytes: new Uint8Array([1]) } },
    ];
    assert.deepEqual(await collect(entries), await collect(entries));
    await assert.rejects(
      collect([{ type: "file", path: "a", mode: 0o644, size: 5, source: { bytes: new Uint8Array([1]) } }]),
      /changed while it was being archived/,
    );
  });
});
