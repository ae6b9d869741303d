import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { repoRoot, scratchCopy, trestle } from "../cli/run-trestle.js";
import { ensureEnv, toolEnv } from "../support/index.js";

const env = ensureEnv({ cluster: false });
const tag = `t-${randomBytes(4).toString("hex")}`;
const home = mkdtempSync(join(tmpdir(), "trestle-home-"));
const runEnv = { ...(toolEnv(env) as Record<string, string>), HOME: home };

function build(cwd: string, ...args: string[]): { code: number; out: string } {
  const result = trestle(["build", "--tag", tag, ...args], { cwd, env: runEnv });
  return { code: result.code, out: `${result.stdout}\n${result.stderr}` };
}

describe("trestle build (docker builder, real engine and registry)", () => {
  const dir = scratchCopy(join(repoRoot, "examples", "multi-service"));

  it("builds both artifacts in requires order, pushes them and writes build.json", () => {
    const first = build(dir, "--file-output", "build.json");
    assert.equal(first.code, 0, first.out);
    assert.match(first.out, /Build complete in [\d.]+s: 2 built, 0 from cache, pushed/);
    assert.ok(
      first.out.indexOf("Building [localhost:5000/multi-backend]") <
        first.out.indexOf("Building [localhost:5000/multi-frontend]"),
    );
    const json = JSON.parse(readFileSync(join(dir, "build.json"), "utf8")) as {
      builds: { imageName: string; tag: string }[];
    };
    assert.deepEqual(
      json.builds.map((b) => b.imageName),
      ["localhost:5000/multi-backend", "localhost:5000/multi-frontend"],
    );
    for (const b of json.builds) assert.match(b.tag, new RegExp(`:${tag}@sha256:[0-9a-f]{64}$`));
  });

  it("builds nothing the second time and says so", () => {
    const second = build(dir);
    assert.equal(second.code, 0, second.out);
    assert.match(second.out, /0 built, 2 from cache/);
    assert.doesNotMatch(second.out, /Building \[/);
  });

  it("rebuilds only the artifact whose file changed", () => {
    appendFileSync(join(dir, "frontend", "server.js"), "\n// changed\n");
    const third = build(dir);
    assert.equal(third.code, 0, third.out);
    assert.match(third.out, /1 built, 1 from cache/);
    assert.match(third.out, /Building \[localhost:5000\/multi-frontend\]/);
    assert.doesNotMatch(third.out, /Building \[localhost:5000\/multi-backend\]/);
  });

  it("rebuilds dependents when a required artifact changes", () => {
    appendFileSync(join(dir, "backend", "api.py"), "\n# changed\n");
    const fourth = build(dir);
    assert.equal(fourth.code, 0, fourth.out);
    assert.match(fourth.out, /2 built, 0 from cache/);
  });

  it("reports a broken Dockerfile with the failing step and exits 1", () => {
    const broken = scratchCopy(join(repoRoot, "examples", "hello-node"));
    writeFileSync(join(broken, "Dockerfile"), "FROM localhost:5000/trestle/busybox:latest\nRUN exit 3\n");
    const result = build(broken, "--push=false");
    assert.equal(result.code, 1, result.out);
    assert.match(result.out, /RUN exit 3/);
    assert.match(result.out, /build failed after [\d.]+s: localhost:5000\/hello-node \(failed\)/);
    assert.doesNotMatch(result.out, /^\s+at .+:\d+:\d+\)?$/m);
  });
});
