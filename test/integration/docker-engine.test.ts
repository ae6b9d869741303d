// The Docker engine with the local registries: build from a local base, push, pull back, log in.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import {
  docker,
  dockerBuild,
  dockerRunToCompletion,
  dockerPush,
  ensureEnv,
  registryGet,
  secureRegistryGet,
  splitRef,
  uniqueRef,
} from "../support/index.js";

const env = ensureEnv({ cluster: false });

function scratchContext(dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), "trestle-docker-"));
  writeFileSync(join(dir, "Dockerfile"), dockerfile);
  writeFileSync(join(dir, "message.txt"), "built by the integration tier\n");
  return dir;
}

void test("an image built from a local base is pushed, then pulled back from the registry", async () => {
  const ctx = scratchContext(
    `FROM ${env.images["busybox"] ?? ""}\nCOPY message.txt /message.txt\nCMD ["cat", "/message.txt"]\n`,
  );
  const ref = uniqueRef(env, "engine");
  try {
    await dockerBuild(env, ctx, ref);
    const digest = await dockerPush(env, ref);
    const { repo, tag } = splitRef(ref);
    const res = await registryGet(env, `/v2/${repo}/manifests/${tag}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers["docker-content-digest"], digest);
    await docker(env, ["rmi", ref]);
    await docker(env, ["pull", "-q", ref]);
    const ran = await dockerRunToCompletion(env, ["--network", "none", ref]);
    assert.deepEqual([ran.code, ran.stdout], [0, "built by the integration tier\n"]);
  } finally {
    rmSync(ctx, { recursive: true, force: true });
    await docker(env, ["rmi", "-f", ref]).catch(() => "");
  }
});

void test("docker logs in to the TLS registry with its credentials and pushes there", async () => {
  const config = mkdtempSync(join(tmpdir(), "trestle-docker-config-"));
  const { secureRegistry: r } = env;
  const ref = `${r.address}/trestle-test/secure:${Date.now().toString(36)}`;
  const withConfig = { env: { DOCKER_CONFIG: config } };
  try {
    await docker(env, ["login", "-u", r.username, "--password-stdin", r.address], {
      ...withConfig,
      input: r.password,
    });
    await docker(env, ["tag", env.images["pause"] ?? "", ref]);
    await docker(env, ["push", ref], withConfig);
    const { repo, tag } = splitRef(ref);
    assert.equal((await secureRegistryGet(env, `/v2/${repo}/manifests/${tag}`)).status, 200);
    assert.equal((await secureRegistryGet(env, `/v2/${repo}/manifests/${tag}`, true)).status, 401);
  } finally {
    rmSync(config, { recursive: true, force: true });
    await docker(env, ["rmi", "-f", ref]).catch(() => "");
  }
});
