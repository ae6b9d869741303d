// `trestle build` as a user runs it: a custom build script's output appears while the script runs (prefixed
// with the artifact), the artifact's platforms are merged with build.platforms as Skaffold does, and Ctrl+C
// ends the script together with the processes it started.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { repoRoot, scratchFiles } from "../cli/run-trestle.js";
import { background, ensureEnv, toolEnv, waitFor } from "../support/index.js";

const env = ensureEnv({ cluster: false });
const home = mkdtempSync(join(tmpdir(), "trestle-home-"));
const bin = join(repoRoot, "bin", "trestle.js");

function project(script: string): string {
  return scratchFiles({
    "skaffold.yaml": [
      "apiVersion: skaffold/v4beta14",
      "kind: Config",
      "build:",
      "  platforms: [linux/amd64, linux/arm64]",
      "  local: { push: false }",
      "  artifacts:",
      "    - image: localhost:5000/trestle-test/streamed",
      "      platforms: [linux/arm64, linux/s390x]",
      "      custom:",
      "        buildCommand: sh build.sh",
      "        dependencies: { paths: [build.sh, Dockerfile] }",
      "",
    ].join("\n"),
    Dockerfile: `FROM ${env.images["busybox"] ?? ""}\nRUN echo streamed > /streamed.txt\n`,
    "build.sh": script,
  });
}

function start(dir: string, extra: Record<string, string> = {}): ReturnType<typeof background> {
  return background(process.execPath, [bin, "build", "--cache-artifacts=false", "--tag", "streamed"], {
    cwd: dir,
    env: { ...toolEnv(env), HOME: home, NO_COLOR: "1", ...extra },
  });
}

function exitCode(run: ReturnType<typeof background>): Promise<number> {
  const { child } = run;
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.on("close", (code) => {
      resolve(code ?? -1);
    });
  });
}

/** Whether a process is gone (a zombie waiting for its reaper counts as gone). */
function gone(pid: number): boolean {
  try {
    return / Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

describe("trestle build: streamed output, platforms, Ctrl+C", () => {
  it("shows the script's lines while it runs, with the artifact's prefix", { timeout: 180_000 }, async () => {
    // The script waits (up to 30 s) for a file the test writes only after seeing the first line on screen.
    const flag = join(mkdtempSync(join(tmpdir(), "trestle-flag-")), "seen");
    const dir = project(
      [
        "set -eu",
        'echo "platforms=$PLATFORMS"',
        "echo started",
        "i=0",
        'while [ ! -f "$FLAG" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done',
        'if [ -f "$FLAG" ]; then echo "went on after the flag"; else echo "no flag: output was held back"; fi',
        'docker build -q -t "$IMAGE" . >/dev/null',
        "",
      ].join("\n"),
    );
    const run = start(dir, { FLAG: flag });
    await run.waitForOutput(/\[localhost:5000\/trestle-test\/streamed\] started/, 60_000);
    writeFileSync(flag, "");
    const code = await exitCode(run);
    const out = run.output();
    assert.equal(code, 0, out);
    assert.match(out, /went on after the flag/);
    // build.platforms intersected with the artifact's platforms: only linux/arm64 is in both.
    assert.match(out, /\[localhost:5000\/trestle-test\/streamed\] platforms=linux\/arm64$/m);
  });

  it("on Ctrl+C ends the script and the processes it started", { timeout: 120_000 }, async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), "trestle-pid-")), "sleep.pid");
    const dir = project(["sleep 300 &", `echo $! > "${pidFile}"`, "echo waiting", "wait", ""].join("\n"));
    const run = start(dir);
    await run.waitForOutput(/\] waiting/, 60_000);
    const grandchild = Number(readFileSync(pidFile, "utf8").trim());
    assert.ok(grandchild > 0 && !gone(grandchild));
    run.child.kill("SIGINT");
    const code = await exitCode(run);
    assert.notEqual(code, 0, run.output());
    assert.match(run.output(), /interrupted by SIGINT|cancel/i);
    await waitFor(
      "the script's background sleep to end",
      () => Promise.resolve(gone(grandchild) || undefined),
      10_000,
      100,
    );
    assert.ok(existsSync(pidFile));
  });
});
