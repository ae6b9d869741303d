// The Docker Engine adapter against the real engine: version negotiation, typed errors, images (inspect, tag,
// load, remove), registry operations (push, distribution inspect, pull) and containers (run, logs, exec).
import assert from "node:assert/strict";
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { after, test } from "node:test";
import { createDockerDaemon } from "../../src/docker/index.js";
import { processExec } from "../../src/proc/exec.js";
import { docker, ensureEnv, secureRegistryGet, splitRef, toolEnv, uniqueRef } from "../support/index.js";

const env = ensureEnv({ cluster: false });
const daemon = createDockerDaemon({ exec: processExec, env: toolEnv(env) });
const busybox = env.images["busybox"] ?? "";
const cleanup: string[] = [];

after(async () => {
  for (const ref of cleanup) await daemon.images.remove(ref, { force: true }).catch(() => undefined);
});

void test("negotiates the API version and reports the engine", async () => {
  await daemon.info.ping();
  const version = await daemon.info.version();
  assert.equal(version.version, env.docker.version);
  assert.equal(await daemon.info.apiVersion(), version.apiVersion);
});

void test("a missing socket is a typed error with a hint", async () => {
  const nowhere = createDockerDaemon({
    exec: processExec,
    env: { DOCKER_HOST: `unix://${join(tmpdir(), "no-daemon.sock")}` },
  });
  await assert.rejects(nowhere.info.ping(), (error: Error & { code?: string; hint?: string }) => {
    assert.equal(error.code, "DOCKER_SOCKET_MISSING");
    assert.match(error.hint ?? "", /DOCKER_HOST/);
    return true;
  });
});

void test("images: inspect, tag, remove, and a missing image is undefined", async () => {
  const original = await daemon.images.inspect(busybox);
  assert.match(original?.id ?? "", /^sha256:/);
  const alias = uniqueRef(env, "alias");
  cleanup.push(alias);
  await daemon.images.tag(busybox, alias);
  assert.equal((await daemon.images.inspect(alias))?.id, original?.id);
  await daemon.images.remove(alias);
  assert.equal(await daemon.images.inspect(alias), undefined);
  await assert.rejects(daemon.images.tag("no-such-image:nope", alias), { code: "DOCKER_NOT_FOUND" });
});

void test("images: a docker-save tarball loads back", async () => {
  const ref = uniqueRef(env, "loaded");
  cleanup.push(ref);
  await daemon.images.tag(busybox, ref);
  const id = (await daemon.images.inspect(ref))?.id;
  const file = join(mkdtempSync(join(tmpdir(), "trestle-save-")), "image.tar");
  await docker(env, ["save", "-o", file, ref]);
  await daemon.images.remove(ref);
  const lines: string[] = [];
  const loaded = await daemon.images.load(createReadStream(file), (line) => lines.push(line));
  rmSync(dirname(file), { recursive: true, force: true });
  assert.deepEqual(loaded, [ref]);
  assert.equal((await daemon.images.inspect(ref))?.id, id);
});

void test("registry: push returns the digest, distribution inspect agrees, pull brings it back", async () => {
  const ref = uniqueRef(env, "pushed");
  cleanup.push(ref);
  await daemon.images.tag(busybox, ref);
  const lines: string[] = [];
  const digest = await daemon.registry.push(ref, (line) => lines.push(line));
  assert.match(digest, /^sha256:[0-9a-f]{64}$/);
  assert.ok(lines.some((l) => l.includes(digest)));
  const remote = await daemon.registry.distribution(ref);
  assert.equal(remote.digest, digest);
  await daemon.images.remove(ref);
  await daemon.registry.pull(ref, () => undefined);
  assert.ok((await daemon.images.inspect(ref))?.repoDigests.some((d) => d.endsWith(digest)));
  await assert.rejects(daemon.registry.distribution(uniqueRef(env, "never-pushed")), (error: Error) =>
    /manifest unknown|not found/i.test(error.message),
  );
});

void test(
  "containers: run, logs by stream, exec with stdin, stop, remove",
  { timeout: 120_000 },
  async () => {
    const id = await daemon.containers.create({
      image: busybox,
      cmd: ["sh", "-c", "echo out; echo err >&2; exec sleep 60"],
      network: "none",
      labels: { "trestle.test": "1" },
    });
    try {
      await daemon.containers.start(id);
      assert.deepEqual(await daemon.io.state(id), { running: true, exitCode: 0 });
      const exec = await daemon.io.exec(id, ["sh", "-c", "cat > /tmp/in; cat /tmp/in; echo e >&2; exit 4"], {
        stdin: Buffer.from("through stdin\n"),
      });
      assert.deepEqual(exec, { exitCode: 4, stdout: "through stdin\n", stderr: "e\n" });
      const logs: string[] = [];
      await daemon.io.logs(id, (line, stream) => logs.push(`${stream}:${line}`));
      assert.deepEqual(logs.sort(), ["stderr:err", "stdout:out"]);
      await daemon.containers.stop(id, 0);
      assert.equal(await daemon.containers.wait(id), 137);
    } finally {
      await daemon.containers.remove(id, { force: true });
    }
    assert.equal(await daemon.io.state(id), undefined);
    assert.equal((await docker(env, ["ps", "-aq", "--filter", `id=${id}`])).trim(), "");
  },
);

void test("registry: pushes to the TLS registry with credentials from the Docker config, and explains a refusal", async () => {
  const { secureRegistry: r } = env;
  const config = mkdtempSync(join(tmpdir(), "trestle-docker-config-"));
  const auth = Buffer.from(`${r.username}:${r.password}`).toString("base64");
  writeFileSync(
    join(config, "config.json"),
    JSON.stringify({ auths: { [`https://${r.address}`]: { auth } } }),
  );
  const withAuth = createDockerDaemon({ exec: processExec, env: toolEnv(env, { DOCKER_CONFIG: config }) });
  const anonymous = createDockerDaemon({
    exec: processExec,
    env: toolEnv(env, { DOCKER_CONFIG: join(config, "none") }),
  });
  const ref = `${r.address}/trestle-test/auth:${Date.now().toString(36)}`;
  cleanup.push(ref);
  try {
    await daemon.images.tag(busybox, ref);
    await assert.rejects(
      anonymous.registry.push(ref, () => undefined),
      (error: Error & { code?: string; hint?: string }) => {
        assert.equal(error.code, "DOCKER_PUSH_FAILED");
        assert.match(error.hint ?? "", /docker login/);
        return true;
      },
    );
    await assert.rejects(anonymous.registry.distribution(ref), { code: "DOCKER_UNAUTHORIZED" });
    const digest = await withAuth.registry.push(ref, () => undefined);
    const { repo, tag } = splitRef(ref);
    const served = await secureRegistryGet(env, `/v2/${repo}/manifests/${tag}`);
    assert.equal(served.headers["docker-content-digest"], digest);
    assert.equal((await withAuth.registry.distribution(ref)).digest, digest);
  } finally {
    rmSync(config, { recursive: true, force: true });
  }
});
