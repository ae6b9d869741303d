import assert from "node:assert/strict";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { projectIgnoreRules } from "./dev-ignore.js";

describe("project ignore rules", () => {
  it("skips directories no artifact reads, keeps those an artifact or a manifest needs", async () => {
    const dir = await mkdtemp(join(tmpdir(), "trestle-ignore-"));
    for (const d of [".git", "node_modules", "dist", "tmp", "deploy"]) await mkdir(join(dir, d));
    await writeFile(join(dir, ".gitignore"), "node_modules/\ndist/\ndeploy/\n");
    await writeFile(join(dir, ".trestleignore"), "tmp/\n*.log\n");
    const rules = projectIgnoreRules({
      dirs: [dir],
      mayContainInputs: (d) => d === join(dir, "dist"), // the Dockerfile copies dist/
      keep: [join(dir, "deploy", "app.yaml")],
    });
    assert.deepEqual(
      [...rules.ignoredDirs].sort(),
      [join(dir, ".git"), join(dir, "node_modules"), join(dir, "tmp")].sort(),
    );
    assert.equal(rules.ignores(join(dir, "server.log")), true);
    assert.equal(rules.ignores(join(dir, ".server.js.swp")), true);
    assert.equal(rules.ignores(join(dir, "server.js")), false);
  });
});
