import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { listKoDependencies } from "./dependencies.js";

function workspace(files: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), "trestle-kodeps-"));
  for (const file of files) {
    mkdirSync(join(root, file, ".."), { recursive: true });
    writeFileSync(join(root, file), "");
  }
  return root;
}

const files = [
  "go.mod",
  "main.go",
  "cmd/app/main.go",
  "cmd/app/main_test.go",
  "vendor/x/x.go",
  "kodata/index.html",
];

describe("ko dependencies", () => {
  it("default to every .go file, as absolute sorted paths", async () => {
    const root = workspace(files);
    assert.deepEqual(
      await listKoDependencies(root),
      ["cmd/app/main.go", "cmd/app/main_test.go", "main.go", "vendor/x/x.go"].map((f) => join(root, f)),
    );
  });

  it("expand directories, apply ignore to files and whole directories", async () => {
    const root = workspace(files);
    const listed = await listKoDependencies(root, {
      paths: ["go.mod", "**/*.go", "kodata"],
      ignore: ["vendor", "**/*_test.go"],
    });
    assert.deepEqual(
      listed,
      ["cmd/app/main.go", "go.mod", "kodata/index.html", "main.go"].map((f) => join(root, f)),
    );
  });

  it("treat `.` as the whole context, and list nothing when only ignore is set (as Skaffold)", async () => {
    const root = workspace(files);
    assert.equal((await listKoDependencies(root, { paths: ["."] })).length, files.length);
    assert.deepEqual(await listKoDependencies(root, { ignore: ["vendor"] }), []);
  });

  it("fail on a pattern that matches nothing", async () => {
    const root = workspace(files);
    await assert.rejects(
      listKoDependencies(root, { paths: ["**/*.rs"] }),
      /"\*\*\/\*\.rs" did not match any file/,
    );
  });
});
