import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { TrestleError } from "../errors/errors.js";
import { processExec, runCommandSync, type OutputStream } from "./exec.js";

/** Whether a process is gone (a zombie waiting for a reaper counts as gone). */
function gone(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return true;
  try {
    return / Z /.test(readFileSync(stat, "utf8"));
  } catch {
    return true;
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!gone(pid) && Date.now() < deadline) await sleep(50);
  return gone(pid);
}

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

  it("streams lines while the child runs, not when it ends", async () => {
    // The child waits (up to 10 s) for a file that only the callback for its first line creates.
    const flag = join(mkdtempSync(join(tmpdir(), "trestle-exec-")), "seen");
    const script = `echo one; i=0; while [ ! -f "$F" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done; [ -f "$F" ] && echo two >&2 || echo late >&2`;
    const lines: [string, OutputStream][] = [];
    const result = await processExec.run("sh", ["-c", script], {
      env: { ...process.env, F: flag },
      onLine: (line, stream) => {
        lines.push([line, stream]);
        if (line === "one") writeFileSync(flag, "");
      },
    });
    assert.deepEqual(lines, [
      ["one", "stdout"],
      ["two", "stderr"],
    ]);
    assert.deepEqual(result, { code: 0, stdout: "one\n", stderr: "two\n" });
  });

  it("hands out a last line without a newline, and characters split across chunks whole", async () => {
    const lines: string[] = [];
    // "é" is two bytes; the first goes out alone, then the rest after a pause.
    await processExec.run("sh", ["-c", `printf 'a\\n\\303'; sleep 0.2; printf '\\251t\\nb'`], {
      onLine: (line) => lines.push(line),
    });
    assert.deepEqual(lines, ["a", "ét", "b"]);
  });

  it("kills the child's whole process group on abort, grandchildren included", async () => {
    const controller = new AbortController();
    let grandchild = 0;
    const running = processExec.run("sh", ["-c", "sleep 300 & echo $!; wait"], {
      signal: controller.signal,
      onLine: (line) => {
        grandchild = Number(line);
        controller.abort(new Error("interrupted by SIGINT"));
      },
    });
    await assert.rejects(running, (e: unknown) => e instanceof Error && e.name === "AbortError");
    assert.ok(grandchild > 0);
    assert.ok(await waitGone(grandchild, 5000), `grandchild ${grandchild} still runs`);
  });

  it("follows SIGTERM with SIGKILL for a group that ignores it", async () => {
    const controller = new AbortController();
    let grandchild = 0;
    const running = processExec.run("sh", ["-c", `trap '' TERM; sleep 300 & echo $!; wait`], {
      signal: controller.signal,
      killGraceMs: 300,
      onLine: (line) => {
        grandchild = Number(line);
        controller.abort();
      },
    });
    await assert.rejects(running, /aborted/);
    await sleep(100);
    assert.ok(!gone(grandchild), "SIGTERM alone does not end it");
    assert.ok(await waitGone(grandchild, 5000), `grandchild ${grandchild} survived SIGKILL`);
  });

  it("does not start a child when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const flag = join(mkdtempSync(join(tmpdir(), "trestle-exec-")), "ran");
    await assert.rejects(processExec.run("touch", [flag], { signal: controller.signal }), /aborted/);
    assert.equal(existsSync(flag), false);
  });
});
