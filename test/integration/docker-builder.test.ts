// The docker builder against the real engine and registry: the examples build (multi-stage, build args,
// required artifacts), pushes return a digest the registry serves, a broken Dockerfile names its failing
// step, and .dockerignore'd files never reach the image.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { DockerBuilder } from "../../src/build/docker/index.js";
import type { BuildRequest, BuiltImage } from "../../src/build/types.js";
import type { Artifact } from "../../src/config/schema/index.js";
import { createDockerDaemon, dockerCli, type DockerDaemon } from "../../src/docker/index.js";
import { processExec } from "../../src/proc/exec.js";
import {
  docker,
  ensureEnv,
  registryGet,
  repoRoot,
  splitRef,
  toolEnv,
  uniqueRef,
  waitFor,
} from "../support/index.js";

const env = ensureEnv({ cluster: false });
const processEnv = toolEnv(env);
const daemon = createDockerDaemon({ exec: processExec, env: processEnv });
const builder = new DockerBuilder({ daemon, cli: dockerCli(processExec) });
const cleanup: string[] = [];
const dirs: string[] = [];

after(async () => {
  for (const ref of cleanup) await daemon.images.remove(ref, { force: true }).catch(() => undefined);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "trestle-docker-builder-"));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path), content);
  return dir;
}

async function build(
  artifact: Artifact,
  workspace: string,
  overrides: Partial<BuildRequest> = {},
): Promise<{ built: BuiltImage; lines: string[] }> {
  const tag = overrides.tag ?? uniqueRef(env, artifact.image.split("/").at(-1) ?? "app");
  cleanup.push(tag);
  const lines: string[] = [];
  const built = await builder.build({
    artifact,
    workspace,
    tag,
    platforms: [],
    push: false,
    mode: "build",
    dependencies: new Map(),
    env: processEnv,
    output: (line) => lines.push(line),
    signal: AbortSignal.timeout(900_000),
    ...overrides,
  });
  return { built, lines };
}

/** Runs `cmd` in the image to completion and returns its output. */
async function runIn(engine: DockerDaemon, image: string, cmd: string[]): Promise<string> {
  const id = await engine.containers.create({ image, cmd, network: "none" });
  try {
    await engine.containers.start(id);
    assert.equal(await engine.containers.wait(id), 0);
    const out: string[] = [];
    await engine.io.logs(id, (line) => out.push(line));
    return out.join("\n");
  } finally {
    await engine.containers.remove(id, { force: true });
  }
}

void test(
  "examples/hello-go (multi-stage) builds through the Engine API with output streamed",
  { timeout: 900_000 },
  async () => {
    const { built, lines } = await build(
      { image: "localhost:5000/hello-go" },
      join(repoRoot, "examples", "hello-go"),
      {
        mode: "debug",
      },
    );
    assert.match(built.imageId ?? "", /^sha256:[0-9a-f]{64}$/);
    assert.equal(built.reference, cleanup.at(-1));
    assert.ok(lines.some((l) => l.startsWith("Step 6/10 : COPY --from=build")));
    const image = await daemon.images.inspect(built.reference);
    assert.equal(image?.id, built.imageId);
    assert.deepEqual(image?.entrypoint, ["/hello-go"]);
  },
);

void test(
  "examples/multi-service: the frontend receives the backend's reference as a build arg",
  { timeout: 900_000 },
  async () => {
    const backend = await build(
      { image: "localhost:5000/multi-backend" },
      join(repoRoot, "examples", "multi-service", "backend"),
    );
    const frontend = await build(
      {
        image: "localhost:5000/multi-frontend",
        requires: [{ image: "localhost:5000/multi-backend", alias: "BACKEND_IMAGE" }],
      },
      join(repoRoot, "examples", "multi-service", "frontend"),
      { dependencies: new Map([["BACKEND_IMAGE", backend.built.reference]]) },
    );
    // The classic builder prints the FROM line unexpanded; the image it resolved is the backend just built.
    const from = frontend.lines.findIndex((l) => l.startsWith("Step 2/9 : FROM ${BACKEND_IMAGE}"));
    assert.equal(frontend.lines[from + 1], ` ---> ${(backend.built.imageId ?? "").slice(7, 19)}`);
    assert.match(await runIn(daemon, frontend.built.reference, ["cat", "/app/contract.json"]), /"greeting"/);
  },
);

void test("the other examples build", { timeout: 900_000 }, async () => {
  for (const name of ["hello-node", "hello-python", "hello-java"]) {
    const { built } = await build({ image: `localhost:5000/${name}` }, join(repoRoot, "examples", name));
    assert.ok((await daemon.images.inspect(built.reference)) !== undefined, name);
  }
});

void test(
  "build args are templated and reach the build, with addHost entries",
  { timeout: 300_000 },
  async () => {
    const dir = scratch({
      Dockerfile: [
        `FROM ${env.images["busybox"] ?? ""}`,
        "ARG GREETING",
        "ARG SKAFFOLD_RUN_MODE",
        "ARG FROM_ENV",
        'RUN echo "$GREETING/$SKAFFOLD_RUN_MODE/$FROM_ENV" > /args.txt && grep -c "10.1.2.[34]" /etc/hosts >> /args.txt',
        "",
      ].join("\n"),
    });
    const { built } = await build(
      {
        image: "localhost:5000/args",
        docker: {
          buildArgs: { GREETING: "hello {{.IMAGE_NAME}}:{{.IMAGE_TAG}}", FROM_ENV: null },
          addHost: ["db.local:10.1.2.3", "cache.local:10.1.2.4"],
        },
      },
      dir,
      { mode: "dev", env: { ...processEnv, FROM_ENV: "from-the-environment" } },
    );
    const tag = splitRef(built.reference).tag;
    assert.equal(
      await runIn(daemon, built.reference, ["cat", "/args.txt"]),
      `hello args:${tag}/dev/from-the-environment\n2`,
    );
  },
);

void test("a push returns tag@digest and the registry serves that digest", { timeout: 300_000 }, async () => {
  const dir = scratch({
    Dockerfile: `FROM ${env.images["busybox"] ?? ""}\nCOPY hello.txt /\n`,
    "hello.txt": "hi\n",
  });
  const { built, lines } = await build({ image: "localhost:5000/pushed" }, dir, { push: true });
  const [tagged, digest] = built.reference.split("@");
  assert.equal(digest, built.digest);
  assert.match(digest ?? "", /^sha256:[0-9a-f]{64}$/);
  const { repo, tag } = splitRef(tagged ?? "");
  const byTag = await registryGet(env, `/v2/${repo}/manifests/${tag}`);
  assert.equal(byTag.status, 200);
  assert.equal(byTag.headers["docker-content-digest"], digest);
  assert.equal((await registryGet(env, `/v2/${repo}/manifests/${digest ?? ""}`)).status, 200);
  assert.ok(lines.some((l) => l.includes("digest: sha256:")));
});

void test(
  "a broken Dockerfile names the failing step and the engine's message, and tags nothing",
  { timeout: 300_000 },
  async () => {
    const dir = scratch({
      Dockerfile: `FROM ${env.images["busybox"] ?? ""}\nRUN echo before\nRUN exit 3\nRUN echo after\n`,
    });
    const tag = uniqueRef(env, "broken");
    await assert.rejects(
      build({ image: "localhost:5000/broken" }, dir, { tag, push: true }),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, "DOCKER_BUILD_FAILED");
        assert.match(error.message, /at step 3\/4 \(RUN exit 3\)/);
        assert.match(error.message, /returned a non-zero code: 3/);
        return true;
      },
    );
    assert.equal(await daemon.images.inspect(tag), undefined);
    const { repo, tag: t } = splitRef(tag);
    assert.equal((await registryGet(env, `/v2/${repo}/manifests/${t}`)).status, 404);
  },
);

void test("a Dockerfile syntax error is reported as a build failure", { timeout: 120_000 }, async () => {
  const dir = scratch({ Dockerfile: `FROM ${env.images["busybox"] ?? ""}\nNOTANINSTRUCTION x\n` });
  await assert.rejects(build({ image: "localhost:5000/syntax" }, dir), {
    code: "DOCKER_BUILD_FAILED",
    message: /unknown instruction: NOTANINSTRUCTION/i,
  });
});

void test(".dockerignore'd files are not in the context nor in the image", { timeout: 300_000 }, async () => {
  const dir = scratch({
    Dockerfile: `FROM ${env.images["busybox"] ?? ""}\nCOPY . /ctx/\n`,
    ".dockerignore": "*.secret\nbuild\n!build/keep.txt\nDockerfile\n",
    "app.txt": "",
    "token.secret": "",
  });
  cpSync(join(dir, "app.txt"), join(dir, "build", "out.bin"), { recursive: true });
  writeFileSync(join(dir, "build", "keep.txt"), "");
  const { built } = await build({ image: "localhost:5000/ignored" }, dir);
  const listing = (await runIn(daemon, built.reference, ["find", "/ctx", "-type", "f"])).split("\n").sort();
  assert.deepEqual(listing, ["/ctx/.dockerignore", "/ctx/app.txt", "/ctx/build/keep.txt"]);
});

void test("useDockerCLI builds through the docker CLI", { timeout: 300_000 }, async () => {
  const cliBuilder = new DockerBuilder({ daemon, cli: dockerCli(processExec), useDockerCLI: true });
  const dir = scratch({
    Dockerfile: `FROM ${env.images["busybox"] ?? ""}\nRUN echo built-by-cli > /by.txt\n`,
  });
  const tag = uniqueRef(env, "cli");
  cleanup.push(tag);
  const lines: string[] = [];
  const built = await cliBuilder.build({
    artifact: { image: "localhost:5000/cli" },
    workspace: dir,
    tag,
    platforms: [],
    push: false,
    mode: "build",
    dependencies: new Map(),
    env: processEnv,
    output: (line) => lines.push(line),
    signal: AbortSignal.timeout(300_000),
  });
  assert.equal(lines[0], "Building with the docker CLI (useDockerCLI is set)");
  assert.equal(built.imageId, (await daemon.images.inspect(tag))?.id);
  assert.equal(
    await docker(env, ["run", "--rm", "--network", "none", tag, "cat", "/by.txt"]),
    "built-by-cli\n",
  );
});

void test(
  "cancelling a build stops it in the engine and leaves no container behind",
  { timeout: 300_000 },
  async () => {
    const marker = `trestle-cancel-${Date.now().toString(36)}`;
    const dir = scratch({
      Dockerfile: `FROM ${env.images["busybox"] ?? ""}\nRUN echo ${marker} && sleep 300\n`,
    });
    const controller = new AbortController();
    const reason = new Error("cancelled by the test");
    await assert.rejects(
      build({ image: "localhost:5000/cancelled" }, dir, {
        signal: controller.signal,
        output: (line) => {
          if (line === marker) controller.abort(reason);
        },
      }),
      (error) => error === reason,
    );
    await waitFor("the build container to go away", async () => {
      const left = await docker(env, [
        "ps",
        "-aq",
        "--filter",
        "status=running",
        "--filter",
        "status=exited",
      ]);
      const ids = left.split("\n").filter((id) => id !== "");
      const commands = await Promise.all(
        ids.map((id) => docker(env, ["inspect", "-f", "{{json .Config.Cmd}}", id])),
      );
      return commands.some((c) => c.includes(marker)) ? undefined : true;
    });
  },
);
