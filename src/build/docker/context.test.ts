import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { buildContext } from "./context.js";

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "trestle-context-"));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function listing(tar: AsyncIterable<Uint8Array>): Promise<string[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of tar) chunks.push(chunk);
  return execFileSync("tar", ["-tf", "-"], { input: Buffer.concat(chunks) })
    .toString()
    .trim()
    .split("\n");
}

describe("build context", () => {
  it("sends every file not ignored, sorted, with the Dockerfile and .dockerignore always", async () => {
    const root = tree({
      Dockerfile: "FROM x\n",
      ".dockerignore": "*.log\nnode_modules\nsecrets/\n!secrets/public.pem\nDockerfile\n.dockerignore\n",
      "app.js": "",
      "debug.log": "",
      "node_modules/dep/index.js": "",
      "secrets/key.pem": "",
      "secrets/public.pem": "",
      "src/b.js": "",
      "src/a.js": "",
    });
    symlinkSync("app.js", join(root, "link.js"));
    const context = await buildContext(root, join(root, "Dockerfile"));
    assert.equal(context.dockerfile, "Dockerfile");
    assert.deepEqual(await listing(context.tar), [
      ".dockerignore",
      "Dockerfile",
      "app.js",
      "link.js",
      "secrets/public.pem",
      "src/",
      "src/a.js",
      "src/b.js",
    ]);
  });

  it("adds a Dockerfile from outside the context under a generated name", async () => {
    const root = tree({ "ctx/app.js": "", "docker/Dockerfile": "FROM x\n" });
    const context = await buildContext(join(root, "ctx"), join(root, "docker", "Dockerfile"));
    assert.match(context.dockerfile, /^\.dockerfile\.[0-9a-f]{20}$/);
    assert.deepEqual(await listing(context.tar), [context.dockerfile, "app.js"]);
  });
});
