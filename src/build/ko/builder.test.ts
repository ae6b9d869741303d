import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { KoBuilder } from "./builder.js";

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), "trestle-kodeps-"));
  for (const file of ["go.mod", "main.go", "cmd/app/main.go", "vendor/x/x.go", "kodata/index.html"]) {
    mkdirSync(join(root, file, ".."), { recursive: true });
    writeFileSync(join(root, file), "");
  }
  return root;
}

describe("ko dependencies", () => {
  const builder = new KoBuilder({ cacheDir: join(tmpdir(), "trestle-ko-unused") });

  it("default to every .go file", async () => {
    const root = workspace();
    assert.deepEqual(
      await builder.dependencies({ image: "app", ko: {} }, root),
      ["cmd/app/main.go", "main.go", "vendor/x/x.go"].map((f) => join(root, f)),
    );
  });

  it("list nothing when only ignore is set (as Skaffold), and honour paths + ignore", async () => {
    const root = workspace();
    assert.deepEqual(
      await builder.dependencies({ image: "app", ko: { dependencies: { ignore: ["vendor"] } } }, root),
      [],
    );
    assert.deepEqual(
      await builder.dependencies(
        { image: "app", ko: { dependencies: { paths: ["**/*.go", "kodata"], ignore: ["vendor"] } } },
        root,
      ),
      ["cmd/app/main.go", "kodata/index.html", "main.go"].map((f) => join(root, f)),
    );
  });
});
