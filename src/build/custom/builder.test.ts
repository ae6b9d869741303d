import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fakeDocker, fakeImage } from "../../docker/fake.js";
import type { Exec, ExecOptions, ExecResult } from "../../proc/exec.js";
import { fakeExec as scriptedExec } from "../../proc/fake-exec.js";
import type { BuildRequest } from "../types.js";
import { CustomBuilder } from "./builder.js";
import { customBuildEnv } from "./env.js";

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function workspace(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), "trestle-custom-"));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

interface Recorded {
  readonly command: string;
  readonly args: readonly string[];
  readonly options: ExecOptions | undefined;
}

function fakeExec(result: ExecResult, onRun: () => void = () => undefined): { exec: Exec; runs: Recorded[] } {
  const { exec, calls } = scriptedExec(() => {
    onRun();
    return result;
  });
  return { exec, runs: calls };
}

function request(root: string, overrides: Partial<BuildRequest> = {}): BuildRequest {
  return {
    artifact: { image: "localhost:5000/app", custom: { buildCommand: "./build.sh {{.FLAG}}" } },
    workspace: root,
    tag: "localhost:5000/app:v1",
    platforms: ["linux/amd64", "linux/arm64"],
    push: false,
    mode: "build",
    dependencies: new Map([["BASE", "localhost:5000/base:abc"]]),
    env: { PATH: "/usr/bin", FLAG: "--fast", IMAGE: "ignored" },
    output: () => undefined,
    signal: new AbortController().signal,
    ...overrides,
  };
}

describe("custom build script environment", () => {
  it("sets Skaffold's variables over the caller's environment", () => {
    const env = customBuildEnv(request("/ws"), { skipTests: true });
    assert.deepEqual(Object.fromEntries(Object.entries(env).filter(([k]) => k !== "PATH" && k !== "FLAG")), {
      IMAGE: "localhost:5000/app:v1",
      PUSH_IMAGE: "false",
      BUILD_CONTEXT: "/ws",
      PLATFORMS: "linux/amd64,linux/arm64",
      SKIP_TEST: "true",
      IMAGE_REPO: "localhost:5000/app",
      IMAGE_TAG: "v1",
      BASE: "localhost:5000/base:abc",
    });
    assert.equal(customBuildEnv(request("/ws", { platforms: [], push: true })).PLATFORMS, "");
  });
});

describe("custom builder", () => {
  it("runs the templated command through a shell in the context, then reads the local image", async () => {
    const root = workspace();
    const fake = fakeDocker();
    const { exec, runs } = fakeExec({ code: 0, stdout: "building\ndone\n", stderr: "a warning\n" }, () => {
      fake.images.set("localhost:5000/app:v1", fakeImage("sha256:built", "localhost:5000/app:v1"));
    });
    const lines: string[] = [];
    const built = await new CustomBuilder({ exec, daemon: fake.daemon }).build(
      request(root, { output: (l) => lines.push(l) }),
    );
    assert.deepEqual(built, { reference: "localhost:5000/app:v1", imageId: "sha256:built" });
    assert.deepEqual(
      [runs[0]?.command, runs[0]?.args, runs[0]?.options?.cwd],
      ["sh", ["-c", "./build.sh --fast"], root],
    );
    assert.equal(runs[0]?.options?.env?.["IMAGE"], "localhost:5000/app:v1");
    assert.deepEqual(lines, ["building", "done", "a warning"]);
  });

  it("returns tag@digest from the registry when pushing", async () => {
    const fake = fakeDocker();
    fake.remote.set("localhost:5000/app:v1", `sha256:${"e".repeat(64)}`);
    const { exec } = fakeExec({ code: 0, stdout: "", stderr: "" });
    const built = await new CustomBuilder({ exec, daemon: fake.daemon }).build(
      request(workspace(), { push: true }),
    );
    assert.deepEqual(built, {
      reference: `localhost:5000/app:v1@sha256:${"e".repeat(64)}`,
      digest: `sha256:${"e".repeat(64)}`,
    });
  });

  it("fails clearly when the script fails or produces nothing", async () => {
    const { exec: failing } = fakeExec({ code: 2, stdout: "", stderr: "step one\nno compiler\n" });
    await assert.rejects(
      new CustomBuilder({ exec: failing, daemon: fakeDocker().daemon }).build(request(workspace())),
      {
        code: "CUSTOM_BUILD_FAILED",
        message: "building localhost:5000/app: `./build.sh --fast` exited with 2: no compiler",
      },
    );
    const { exec: lazy } = fakeExec({ code: 0, stdout: "", stderr: "" });
    await assert.rejects(
      new CustomBuilder({ exec: lazy, daemon: fakeDocker().daemon }).build(request(workspace())),
      {
        code: "CUSTOM_BUILD_NO_IMAGE",
      },
    );
    await assert.rejects(
      new CustomBuilder({ exec: lazy, daemon: fakeDocker().daemon }).build(
        request(workspace(), { push: true }),
      ),
      {
        code: "CUSTOM_BUILD_NO_IMAGE",
      },
    );
  });

  it("lists dependencies from paths, a Dockerfile, or a command", async () => {
    const root = workspace({
      "src/a.go": "",
      "src/b.go": "",
      "vendor/x.go": "",
      Dockerfile: "FROM x\nARG F\nCOPY $F /\n",
      "f.txt": "",
    });
    const { exec } = fakeExec({ code: 0, stdout: '["src/a.go", "/abs/file", "src/a.go"]', stderr: "" });
    const builder = new CustomBuilder({ exec, daemon: fakeDocker().daemon });
    const deps = (custom: object) => builder.dependencies({ image: "app", custom }, root, {});
    assert.deepEqual(await deps({ dependencies: { paths: ["src/**"], ignore: ["src/b.go"] } }), [
      join(root, "src/a.go"),
    ]);
    assert.deepEqual(
      await deps({ dependencies: { dockerfile: { path: "Dockerfile", buildArgs: { F: "f.txt" } } } }),
      [join(root, "Dockerfile"), join(root, "f.txt")],
    );
    assert.deepEqual(await deps({ dependencies: { command: "list deps" } }), [
      "/abs/file",
      join(root, "src/a.go"),
    ]);
    assert.equal((await deps({})).length, 5);
  });
});
