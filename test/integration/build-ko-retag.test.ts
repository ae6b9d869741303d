// `trestle build` with the ko builder, pushed to the real registry: a second build under another --tag is
// a cache hit that only writes the manifest under the new tag (no go build, no blob upload).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { repoRoot, scratchCopy, trestle } from "../cli/run-trestle.js";
import { ensureEnv, registryGet, toolEnv } from "../support/index.js";

const env = ensureEnv({ cluster: false });
const home = mkdtempSync(join(tmpdir(), "trestle-home-"));
// A fresh HOME for Trestle's caches, but the machine's Go build cache (a cold one compiles the standard library).
const goCache = execFileSync("go", ["env", "GOCACHE", "GOMODCACHE"], { encoding: "utf8" }).trim().split("\n");
const runEnv = {
  ...(toolEnv(env) as Record<string, string>),
  HOME: home,
  GOCACHE: goCache[0] ?? "",
  GOMODCACHE: goCache[1] ?? "",
};
const repository = `trestle-test/ko-retag-${randomBytes(4).toString("hex")}`;

function build(cwd: string, tag: string): { code: number; out: string; tag: string } {
  const result = trestle(["build", "--tag", tag, "--file-output", `${tag}.json`], { cwd, env: runEnv });
  const json = JSON.parse(readFileSync(join(cwd, `${tag}.json`), "utf8")) as { builds: { tag: string }[] };
  return { code: result.code, out: `${result.stdout}\n${result.stderr}`, tag: json.builds[0]?.tag ?? "" };
}

describe("trestle build: ko image retagged in the registry on a cache hit", () => {
  const dir = scratchCopy(join(repoRoot, "examples", "hello-go"));
  writeFileSync(
    join(dir, "skaffold.yaml"),
    [
      "apiVersion: skaffold/v4beta14",
      "kind: Config",
      "build:",
      "  local: { push: true }",
      "  artifacts:",
      `    - image: ${env.registry.address}/${repository}`,
      `      ko: { fromImage: ${env.images["static"] ?? ""} }`,
      "",
    ].join("\n"),
  );

  it("builds once, then retags without building or uploading", { timeout: 600_000 }, async () => {
    const first = build(dir, "one");
    assert.equal(first.code, 0, first.out);
    assert.match(first.out, /1 built, 0 from cache/);
    const digest = /@(sha256:[0-9a-f]{64})$/.exec(first.tag)?.[1];
    assert.ok(digest !== undefined, first.tag);

    const second = build(dir, "two");
    assert.equal(second.code, 0, second.out);
    assert.match(
      second.out,
      new RegExp(`Found\\. Tagged ${env.registry.address}/${repository}:two and pushed, not rebuilt`),
    );
    assert.doesNotMatch(second.out, /Building \[/);
    assert.match(second.out, /0 built, 1 from cache/);
    assert.equal(second.tag, `${env.registry.address}/${repository}:two@${digest}`);
    const res = await registryGet(env, `/v2/${repository}/manifests/two`);
    assert.equal(res.status, 200);
    assert.equal(res.headers["docker-content-digest"], digest);
  });
});
