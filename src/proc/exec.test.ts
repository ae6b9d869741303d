import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TrestleError } from "../errors/errors.js";
import { processExec, runCommandSync } from "./exec.js";

describe("processExec", () => {
  it("runs commands that exit without reading their input, many times over", async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, () => processExec.run("true", [], { input: "x".repeat(200_000) })),
    );
    assert.ok(results.every((r) => r.code === 0));
  });
  it("captures output and exit codes, and passes input", async () => {
    const result = await processExec.run("sh", ["-c", "cat; echo err >&2; exit 3"], { input: "in" });
    assert.deepEqual(result, { code: 3, stdout: "in", stderr: "err\n" });
  });
  it("names a missing tool", async () => {
    await assert.rejects(
      processExec.run("no-such-tool-trestle", []),
      (e: unknown) => e instanceof TrestleError && e.code === "TOOL_NOT_FOUND",
    );
    assert.throws(() => runCommandSync("no-such-tool-trestle", []), /was not found on PATH/);
  });
  it("returns trimmed output synchronously", () => {
    assert.equal(runCommandSync("echo", [" hi "]), "hi");
  });
});
