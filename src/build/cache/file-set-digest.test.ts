import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FileDigest, FileDigestSource } from "./file-hashes.js";
import { fileSetDigest, workspaceRelative } from "./file-set-digest.js";

/** Digests from a table keyed by path relative to the workspace. */
function source(workspace: string, table: Record<string, FileDigest>): FileDigestSource {
  return {
    digests: (paths) =>
      Promise.resolve(
        new Map(
          paths.flatMap((p) => {
            const d = table[workspaceRelative(workspace, p)];
            return d === undefined ? [] : [[p, d] as const];
          }),
        ),
      ),
  };
}

const file = (digest: string, mode = 0o644): FileDigest => ({ kind: "file", mode, digest });

describe("workspaceRelative", () => {
  it("gives slash-separated paths relative to the workspace", () => {
    assert.equal(workspaceRelative("/ws", "/ws/a/b.txt"), "a/b.txt");
    assert.equal(workspaceRelative("/ws/", "/ws/a"), "a");
    assert.equal(workspaceRelative("/ws", "/other/x"), "../other/x");
    assert.equal(workspaceRelative("/ws", "rel/y"), "rel/y");
  });
});

describe("fileSetDigest", () => {
  const table = { "a.txt": file("A"), "b/c.txt": file("C") };

  it("depends on relative paths, not on where the workspace is or how files are listed", async () => {
    const one = await fileSetDigest("/one", ["/one/a.txt", "/one/b/c.txt"], source("/one", table));
    const two = await fileSetDigest(
      "/two",
      ["b/c.txt", "/two/a.txt", "a.txt", "/two/gone"],
      source("/two", table),
    );
    assert.equal(one, two);
    assert.match(one, /^[0-9a-f]{64}$/);
  });

  it("changes with content, permissions, kind and name", async () => {
    const base = await fileSetDigest("/ws", ["a.txt"], source("/ws", { "a.txt": file("A") }));
    const variants = [
      { "a.txt": file("B") },
      { "a.txt": file("A", 0o755) },
      { "a.txt": { kind: "symlink", mode: 0o644, digest: "A" } as const },
      { "z.txt": file("A") },
    ];
    for (const variant of variants) {
      const name = Object.keys(variant)[0] ?? "";
      assert.notEqual(await fileSetDigest("/ws", [name], source("/ws", variant)), base);
    }
  });
});
