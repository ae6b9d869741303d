import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { listPathDependencies } from "./path-dependencies.js";

function workspace(files: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), "trestle-pathdeps-"));
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

describe("path dependencies", () => {
  it("list the files a glob matches, as absolute sorted paths", async () => {
    const root = workspace(files);
    assert.deepEqual(
      await listPathDependencies(root, { paths: ["**/*.go"] }),
      ["cmd/app/main.go", "cmd/app/main_test.go", "main.go", "vendor/x/x.go"].map((f) => join(root, f)),
    );
  });

  it("expand directories, apply ignore to files and whole directories", async () => {
    const root = workspace(files);
    const listed = await listPathDependencies(root, {
      paths: ["go.mod", "**/*.go", "kodata"],
      ignore: ["vendor", "**/*_test.go"],
    });
    assert.deepEqual(
      listed,
      ["cmd/app/main.go", "go.mod", "kodata/index.html", "main.go"].map((f) => join(root, f)),
    );
  });

  it("treat `.` and `./` as the whole context; no paths list nothing", async () => {
    const root = workspace(files);
    assert.equal((await listPathDependencies(root, { paths: ["."] })).length, files.length);
    assert.equal((await listPathDependencies(root, { paths: ["./"], ignore: ["vendor"] })).length, 5);
    assert.deepEqual(await listPathDependencies(root, { paths: [], ignore: ["vendor"] }), []);
  });

  it("fail on a pattern that matches nothing, naming the field", async () => {
    const root = workspace(files);
    await assert.rejects(listPathDependencies(root, { paths: ["**/*.rs"] }, "ko.dependencies.paths"), (e) => {
      assert.match(String(e), /"\*\*\/\*\.rs" did not match any file/);
      assert.match((e as { hint?: string }).hint ?? "", /ko\.dependencies\.paths/);
      return true;
    });
  });
});
