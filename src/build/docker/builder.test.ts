import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { DockerCli } from "../../docker/index.js";
import { fakeDocker, fakeImage } from "../../docker/fake.js";
import type { BuildRequest } from "../types.js";
import { DockerBuilder } from "./builder.js";
import { dockerSyncMap } from "./sync.js";

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function workspace(dockerfile: string): string {
  const root = mkdtempSync(join(tmpdir(), "trestle-docker-builder-"));
  roots.push(root);
  writeFileSync(join(root, "Dockerfile"), dockerfile);
  writeFileSync(join(root, "app.txt"), "app\n");
  return root;
}

function request(root: string, overrides: Partial<BuildRequest> = {}): BuildRequest {
  return {
    artifact: { image: "localhost:5000/app", docker: { buildArgs: { GREETING: "hi {{.IMAGE_TAG}}" } } },
    workspace: root,
    tag: "localhost:5000/app:v1",
    platforms: [],
    push: false,
    mode: "dev",
    dependencies: new Map([["BASE", "localhost:5000/base:abc"]]),
    env: {},
    output: () => undefined,
    signal: new AbortController().signal,
    ...overrides,
  };
}

const noCli: DockerCli = { build: () => Promise.reject(new Error("the CLI must not be used")) };

describe("docker builder", () => {
  it("builds through the Engine API and keeps a local image", async () => {
    const root = workspace("ARG BASE\nFROM ${BASE}\nARG SKAFFOLD_RUN_MODE\nCOPY app.txt /\n");
    const fake = fakeDocker();
    const built = await new DockerBuilder({ daemon: fake.daemon, cli: noCli }).build(request(root));
    assert.equal(built.reference, "localhost:5000/app:v1");
    assert.match(built.imageId ?? "", /^sha256:/);
    assert.equal(built.digest, undefined);
    assert.deepEqual(fake.lastBuild?.buildArgs, {
      BASE: "localhost:5000/base:abc",
      GREETING: "hi v1",
      SKAFFOLD_RUN_MODE: "dev",
    });
    assert.deepEqual(fake.lastBuild?.baseImages, ["localhost:5000/base:abc"]);
    assert.equal(fake.lastBuild?.dockerfile, "Dockerfile");
    const sent = execFileSync("tar", ["-tf", "-"], { input: fake.lastContext }).toString();
    assert.equal(sent, "Dockerfile\napp.txt\n");
    assert.deepEqual(
      fake.calls.map((c) => c.method),
      ["build"],
    );
  });

  it("pushes and returns tag@digest", async () => {
    const root = workspace("FROM busybox\n");
    const fake = fakeDocker();
    const built = await new DockerBuilder({ daemon: fake.daemon, cli: noCli }).build(
      request(root, { push: true }),
    );
    assert.match(built.reference, /^localhost:5000\/app:v1@sha256:[0-9a-f]{64}$/);
    assert.equal(built.reference.split("@")[1], built.digest);
    assert.deepEqual(
      fake.calls.map((c) => c.method),
      ["build", "push"],
    );
  });

  it("neither tags nor pushes a failed build", async () => {
    const root = workspace("FROM busybox\nRUN false\n");
    const fake = fakeDocker();
    fake.failBuild = "building localhost:5000/app:v1 failed at step 2/2 (RUN false): exit 1";
    await assert.rejects(
      new DockerBuilder({ daemon: fake.daemon, cli: noCli }).build(request(root, { push: true })),
      {
        code: "DOCKER_BUILD_FAILED",
      },
    );
    assert.deepEqual(
      fake.calls.map((c) => c.method),
      ["build"],
    );
    assert.equal(fake.images.size, 0);
  });

  it("uses the CLI for BuildKit-only features, then reads the image ID from the engine", async () => {
    const root = workspace("FROM busybox\n");
    const fake = fakeDocker();
    const seen: { args: readonly string[]; buildkit: string | undefined }[] = [];
    const cli: DockerCli = {
      build(args, options) {
        seen.push({ args, buildkit: options.env["DOCKER_BUILDKIT"] });
        fake.images.set("localhost:5000/app:v1", fakeImage("sha256:cli", "localhost:5000/app:v1"));
        return Promise.resolve();
      },
    };
    const artifact = { image: "localhost:5000/app", docker: { secrets: [{ id: "npm", env: "NPM_TOKEN" }] } };
    const built = await new DockerBuilder({ daemon: fake.daemon, cli }).build(request(root, { artifact }));
    assert.equal(built.imageId, "sha256:cli");
    assert.equal(seen[0]?.buildkit, "1");
    assert.ok(seen[0]?.args.includes("--secret"));
  });

  it("refuses a multi-platform build that is not pushed", async () => {
    const root = workspace("FROM busybox\n");
    const builder = new DockerBuilder({ daemon: fakeDocker().daemon, cli: noCli });
    await assert.rejects(builder.build(request(root, { platforms: ["linux/amd64", "linux/arm64"] })), {
      code: "DOCKER_MULTI_PLATFORM_LOCAL",
    });
  });

  it("reports a missing Dockerfile, and lists it as the only dependency", async () => {
    const root = workspace("FROM busybox\n");
    const artifact = { image: "localhost:5000/app", docker: { dockerfile: "nope.Dockerfile" } };
    const builder = new DockerBuilder({ daemon: fakeDocker().daemon, cli: noCli });
    await assert.rejects(builder.build(request(root, { artifact })), { code: "DOCKERFILE_NOT_FOUND" });
    assert.deepEqual(await builder.dependencies(artifact, root, {}), [join(root, "nope.Dockerfile")]);
  });

  it("lists dependencies with the artifact's build args", async () => {
    const root = workspace("FROM busybox\nARG FILE\nCOPY $FILE /\n");
    const builder = new DockerBuilder({ daemon: fakeDocker().daemon, cli: noCli });
    const artifact = { image: "localhost:5000/app", docker: { buildArgs: { FILE: "{{.WHICH}}" } } };
    assert.deepEqual(await builder.dependencies(artifact, root, { WHICH: "app.txt" }), [
      join(root, "Dockerfile"),
      join(root, "app.txt"),
    ]);
  });
});

describe("docker inferred sync", () => {
  it("resolves relative destinations against the base image's WORKDIR from the engine", async () => {
    const root = workspace(
      "ARG BASE=localhost:5000/node:18\nFROM ${BASE}\nCOPY app.txt ./\nFROM busybox\nCOPY app.txt rel/\n",
    );
    const fake = fakeDocker();
    fake.images.set("busybox", { ...fakeImage("sha256:b", "busybox"), workingDir: "/srv" });
    const map = await dockerSyncMap(
      { image: "localhost:5000/app" },
      { workspace: root, env: {}, mode: "dev", dependencies: new Map(), images: fake.daemon.images },
    );
    assert.deepEqual(Object.fromEntries(map), { "app.txt": ["/srv/rel/app.txt"] });
  });
});
