// The custom builder against the real engine and registry: a build script receives Skaffold's environment,
// builds with docker and pushes; Trestle resolves the pushed digest (or the local image ID).
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { CustomBuilder } from "../../src/build/custom/index.js";
import type { BuildRequest } from "../../src/build/types.js";
import { createDockerDaemon } from "../../src/docker/index.js";
import { processExec } from "../../src/proc/exec.js";
import { ensureEnv, registryGet, splitRef, toolEnv, uniqueRef } from "../support/index.js";

const env = ensureEnv({ cluster: false });
const processEnv = toolEnv(env);
const daemon = createDockerDaemon({ exec: processExec, env: processEnv });
const builder = new CustomBuilder({ exec: processExec, daemon });
const workspace = mkdtempSync(join(tmpdir(), "trestle-custom-"));
const tags: string[] = [];

after(async () => {
  for (const tag of tags) await daemon.images.remove(tag, { force: true }).catch(() => undefined);
  rmSync(workspace, { recursive: true, force: true });
});

writeFileSync(
  join(workspace, "Dockerfile"),
  `FROM ${env.images["busybox"] ?? ""}\nARG INFO\nRUN echo "$INFO" > /info.txt\n`,
);
writeFileSync(
  join(workspace, "build.sh"),
  [
    "#!/bin/sh",
    "set -eu",
    'echo "building $IMAGE (push=$PUSH_IMAGE) in $BUILD_CONTEXT"',
    'docker build -q --build-arg "INFO=$IMAGE_REPO|$IMAGE_TAG|$PLATFORMS|$SKIP_TEST|$BASE" -t "$IMAGE" "$BUILD_CONTEXT" >/dev/null 2>&1',
    'if [ "$PUSH_IMAGE" = true ]; then docker push "$IMAGE" >/dev/null; fi',
    "echo built >&2",
    "",
  ].join("\n"),
);
chmodSync(join(workspace, "build.sh"), 0o755);

function request(tag: string, push: boolean, lines: string[]): BuildRequest {
  tags.push(tag);
  return {
    artifact: { image: "localhost:5000/custom", custom: { buildCommand: "./build.sh" } },
    workspace,
    tag,
    platforms: [],
    push,
    mode: "build",
    dependencies: new Map([["BASE", "localhost:5000/base:1"]]),
    env: processEnv,
    output: (line) => lines.push(line),
    signal: AbortSignal.timeout(300_000),
  };
}

void test(
  "a custom script builds and pushes; the digest is the registry's",
  { timeout: 300_000 },
  async () => {
    const tag = uniqueRef(env, "custom");
    const lines: string[] = [];
    const built = await builder.build(request(tag, true, lines));
    assert.deepEqual(lines, [`building ${tag} (push=true) in ${workspace}`, "built"]);
    const { repo, tag: t } = splitRef(tag);
    const served = await registryGet(env, `/v2/${repo}/manifests/${t}`);
    assert.equal(served.status, 200);
    assert.equal(built.digest, served.headers["docker-content-digest"]);
    assert.equal(built.reference, `${tag}@${built.digest ?? ""}`);
  },
);

void test(
  "a custom script builds locally; the result is the image ID with the script's environment baked in",
  { timeout: 300_000 },
  async () => {
    const tag = uniqueRef(env, "custom-local");
    const built = await builder.build(request(tag, false, []));
    assert.equal(built.reference, tag);
    assert.equal(built.imageId, (await daemon.images.inspect(tag))?.id);
    const id = await daemon.containers.create({ image: tag, cmd: ["cat", "/info.txt"], network: "none" });
    try {
      await daemon.containers.start(id);
      assert.equal(await daemon.containers.wait(id), 0);
      const out: string[] = [];
      await daemon.io.logs(id, (line) => out.push(line));
      assert.deepEqual(out, [
        `${tag.slice(0, tag.lastIndexOf(":"))}|${splitRef(tag).tag}||false|localhost:5000/base:1`,
      ]);
    } finally {
      await daemon.containers.remove(id, { force: true });
    }
  },
);

void test("a failing script is a build error with its last words", { timeout: 60_000 }, async () => {
  const lines: string[] = [];
  const failing = {
    ...request(uniqueRef(env, "custom-fail"), false, lines),
    artifact: {
      image: "localhost:5000/custom",
      custom: { buildCommand: "echo trying; echo cannot build >&2; exit 7" },
    },
  };
  await assert.rejects(builder.build(failing), {
    code: "CUSTOM_BUILD_FAILED",
    message: /exited with 7: cannot build/,
  });
  assert.deepEqual(lines, ["trying", "cannot build"]);
});
