import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { dockerfileDependencies } from "./dependencies.js";
import { dockerfileBaseImages } from "./index.js";
import { inferredSyncMap } from "./sync-map.js";

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A workspace like Skaffold's test fixture, with the given Dockerfile and optional .dockerignore. */
function workspace(dockerfile: string, dockerignore?: string, extra: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), "trestle-dockerfile-"));
  roots.push(root);
  const files: Record<string, string> = {
    Dockerfile: dockerfile,
    "server.go": "",
    "worker.go": "",
    "test.conf": "",
    file: "",
    ".dot": "",
    bar: "",
    "docker/nginx.conf": "",
    "docker/bar": "",
    ...extra,
  };
  if (dockerignore !== undefined) files[".dockerignore"] = dockerignore;
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  mkdirSync(join(root, "emptydir"));
  return root;
}

async function deps(root: string, buildArgs?: Record<string, string | null>): Promise<string[]> {
  const list = await dockerfileDependencies(root, buildArgs === undefined ? {} : { buildArgs });
  return list.map((p) => p.slice(root.length + 1));
}

async function sync(
  root: string,
  buildArgs?: Record<string, string | null>,
): Promise<Record<string, string[]>> {
  return Object.fromEntries(await inferredSyncMap(root, buildArgs === undefined ? {} : { buildArgs }));
}

describe("Dockerfile dependencies", () => {
  it("lists COPY/ADD sources of every stage, wildcards and directories expanded", async () => {
    const root = workspace(
      "FROM golang AS build\nCOPY *.go ./\nADD docker /d\nFROM scratch\nCOPY --from=build /x /\nCOPY file emptydir /\n",
    );
    assert.deepEqual(await deps(root), [
      "Dockerfile",
      "docker/bar",
      "docker/nginx.conf",
      "emptydir",
      "file",
      "server.go",
      "worker.go",
    ]);
  });

  it("applies build args and defaults", async () => {
    const root = workspace("FROM x\nARG FOO=server.go\nARG FOO2\nCOPY $FOO $FOO2 /\n");
    assert.deepEqual(await deps(root, { FOO2: "worker.go" }), ["Dockerfile", "server.go", "worker.go"]);
  });

  it("applies .dockerignore, lists it, and always lists the Dockerfile", async () => {
    const root = workspace("FROM x\nCOPY . /\n", "Dockerfile\n*.go\ndocker/*\n!docker/bar\nemptydir\n");
    assert.deepEqual(await deps(root), [
      ".dockerignore",
      ".dot",
      "Dockerfile",
      "bar",
      "docker/bar",
      "file",
      "test.conf",
    ]);
  });

  it("prefers <Dockerfile>.dockerignore", async () => {
    const root = workspace("FROM x\nCOPY . /\n", "*.go\n", { "Dockerfile.dockerignore": "*\n!file\n" });
    assert.deepEqual(await deps(root), ["Dockerfile", "Dockerfile.dockerignore", "file"]);
  });

  it("returns just the Dockerfile when it is missing, and fails on a COPY that matches nothing", async () => {
    const root = workspace("FROM x\nCOPY *.none /tmp/\n");
    assert.deepEqual(await dockerfileDependencies(root, { dockerfile: "Missing.Dockerfile" }), [
      join(root, "Missing.Dockerfile"),
    ]);
    await assert.rejects(deps(root), /Dockerfile:2: COPY source \*\.none matches no file/);
  });

  it("keeps symlinks as entries without following them", async () => {
    const root = workspace("FROM x\nCOPY link /\n");
    symlinkSync("docker", join(root, "link"));
    assert.deepEqual(await deps(root), ["Dockerfile", "link"]);
  });

  it("lists external base images for registry credentials", async () => {
    const root = workspace(
      "ARG BASE=busybox\nFROM ${BASE} AS a\nFROM a\nFROM scratch\nFROM golang:1.22\nFROM busybox\n",
    );
    assert.deepEqual(await dockerfileBaseImages(root, undefined), ["busybox", "golang:1.22"]);
  });
});

describe("inferred sync map", () => {
  it("maps last-stage sources to their destinations", async () => {
    const root = workspace(
      "FROM golang\nCOPY worker.go /w/\nFROM busybox\nWORKDIR /app\nCOPY server.go .\nADD test.conf /etc/test1\nCOPY test.conf /etc/test2\nCOPY docker /files/\n",
    );
    assert.deepEqual(await sync(root), {
      "server.go": ["/app/server.go"],
      "test.conf": ["/etc/test1", "/etc/test2"],
      "docker/bar": ["/files/bar"],
      "docker/nginx.conf": ["/files/nginx.conf"],
    });
  });

  it("flattens directories matched by a wildcard and honours .dockerignore", async () => {
    const root = workspace("FROM nginx\nADD * /tmp/\n", "bar\n.dot\nDockerfile\n");
    assert.deepEqual(await sync(root), {
      ".dockerignore": ["/tmp/.dockerignore"],
      "docker/bar": ["/tmp/bar"],
      "docker/nginx.conf": ["/tmp/nginx.conf"],
      file: ["/tmp/file"],
      "server.go": ["/tmp/server.go"],
      "test.conf": ["/tmp/test.conf"],
      "worker.go": ["/tmp/worker.go"],
    });
  });

  it("uses build args and ENV in sources and destinations", async () => {
    const root = workspace("FROM busybox\nARG FOO\nENV dir=/srv\nCOPY $FOO ${dir}\n");
    assert.deepEqual(await sync(root, { FOO: "server.go" }), { "server.go": ["/srv"] });
  });

  it("is empty when the last stage only copies from other stages", async () => {
    const root = workspace("FROM golang\nCOPY worker.go .\nFROM busybox\nCOPY --from=0 /go/worker /w\n");
    assert.deepEqual(await sync(root), {});
  });
});
