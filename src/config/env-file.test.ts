import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseEnvFile, withEnvFile } from "./env-file.js";

describe("env files", () => {
  it("parses KEY=VALUE lines with export, quotes and comments", () => {
    const text = "# comment\nA=1\nexport B=\"two words\\n\"\nC='raw $x'\nD=value # trailing\n\nE=";
    assert.deepEqual(parseEnvFile(text, "f"), { A: "1", B: "two words\n", C: "raw $x", D: "value", E: "" });
  });
  it("reports a bad line with its number", () => {
    assert.throws(
      () => parseEnvFile("A=1\nnot a pair\n", "skaffold.env"),
      (e: unknown) => e instanceof Error && /invalid line/.test(e.message),
    );
  });
  it("never overrides the process environment; a missing optional file changes nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "trestle-env-"));
    const file = join(dir, "skaffold.env");
    writeFileSync(file, "A=file\nB=file\n");
    assert.deepEqual(withEnvFile({ A: "env" }, file, true), { A: "env", B: "file" });
    const env = { X: "1" };
    assert.equal(withEnvFile(env, join(dir, "missing.env"), false), env);
    assert.throws(() => withEnvFile(env, join(dir, "missing.env"), true), /cannot read env file/);
  });
});
