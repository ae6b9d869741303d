import assert from "node:assert/strict";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { appFilter, appTarEntries } from "./app-files.js";

async function tree(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "trestle-app-"));
  await mkdir(join(dir, "src/lib"), { recursive: true });
  await mkdir(join(dir, "tmp"), { recursive: true });
  for (const f of ["server.js", "README.md", "src/a.js", "src/lib/b.js", "src/lib/notes.md", "tmp/x"]) {
    await writeFile(join(dir, f), f);
  }
  return dir;
}

async function paths(dir: string, include: string[], exclude: string[]): Promise<string[]> {
  const entries = await appTarEntries(dir, appFilter(include, exclude), { uid: 1001, gid: 1002 });
  return entries.filter((e) => e.type === "file").map((e) => e.path);
}

describe("app files", () => {
  it("takes every file under workspace/, owned by the CNB user", async () => {
    const dir = await tree();
    const entries = await appTarEntries(dir, appFilter([], []), { uid: 1001, gid: 1002 });
    assert.equal(entries[0]?.path, "workspace");
    assert.ok(entries.every((e) => e.meta?.uid === 1001 && e.meta.gid === 1002));
    assert.deepEqual(await paths(dir, [], []), [
      "workspace/README.md",
      "workspace/server.js",
      "workspace/src/a.js",
      "workspace/src/lib/b.js",
      "workspace/src/lib/notes.md",
      "workspace/tmp/x",
    ]);
  });

  it("applies gitignore-style exclude patterns", async () => {
    const dir = await tree();
    assert.deepEqual(await paths(dir, [], ["*.md", "/tmp/"]), [
      "workspace/server.js",
      "workspace/src/a.js",
      "workspace/src/lib/b.js",
    ]);
    assert.deepEqual(await paths(dir, [], ["src/lib"]), [
      "workspace/README.md",
      "workspace/server.js",
      "workspace/src/a.js",
      "workspace/tmp/x",
    ]);
  });

  it("keeps only included files when include is set", async () => {
    const dir = await tree();
    assert.deepEqual(await paths(dir, ["src/", "server.js"], []), [
      "workspace/server.js",
      "workspace/src/a.js",
      "workspace/src/lib/b.js",
      "workspace/src/lib/notes.md",
    ]);
  });
});
