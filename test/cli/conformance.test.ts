import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseAllDocuments } from "yaml";
import { conformanceDir, scratchCopy, trestle } from "./run-trestle.js";

const folders = readdirSync(conformanceDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(conformanceDir, e.name, "skaffold.yaml")))
  .map((e) => e.name)
  .sort();

/**
 * The remote example requires configs from a git repository on GitHub, which this machine cannot reach. The
 * test serves the same folders from a local git repository with the same layout and points the cache at it:
 * Trestle clones it with real git, exactly as it would the remote one.
 */
function localMirrorFor(example: string): { cwd: string; env: Record<string, string> } {
  const cwd = scratchCopy(join(conformanceDir, example));
  const repo = scratchCopy(join(conformanceDir, "multi-config-microservices"));
  const inner = join(repo, "examples", "multi-config-microservices");
  mkdirSync(inner, { recursive: true });
  execFileSync(
    "sh",
    [
      "-c",
      `mv base leeroy-app leeroy-web skaffold.yaml ${inner}/ && git init -q -b main && git add -A && git -c user.email=t@t -c user.name=t commit -qm mirror`,
    ],
    { cwd: repo },
  );
  const gitConfig = join(cwd, "gitconfig");
  execFileSync("git", [
    "config",
    "--file",
    gitConfig,
    `url.file://${repo}.insteadOf`,
    "https://github.com/GoogleContainerTools/skaffold",
  ]);
  return { cwd, env: { GIT_CONFIG_GLOBAL: gitConfig } };
}

describe("Skaffold's own examples load", () => {
  it("finds the examples", () => {
    assert.ok(folders.length >= 45, `found ${folders.length}`);
  });
  for (const folder of folders) {
    it(`trestle diagnose succeeds in ${folder}`, () => {
      const { cwd, env } = folder.startsWith("remote-")
        ? localMirrorFor(folder)
        : { cwd: join(conformanceDir, folder), env: {} };
      const result = trestle(["diagnose", "--yaml-only"], { cwd, env });
      assert.equal(result.code, 0, result.stderr);
      const docs = parseAllDocuments(result.stdout);
      assert.ok(Array.isArray(docs) && docs.length >= 1);
      for (const doc of docs) {
        const data = doc.toJS() as { apiVersion?: string; deploy?: object; build?: object };
        assert.equal(data.apiVersion, "skaffold/v4beta14");
        assert.ok(data.deploy, "defaults give every config a deploy section");
        assert.ok(data.build, "defaults give every config a build section");
      }
    });
  }
});
