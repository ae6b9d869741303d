// The ko builder on examples/hello-go against the real registry and Docker engine: reproducible
// digests, images that run and serve HTTP, kodata through KO_DATA_PATH, and cross-compiled
// multi-platform indexes.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";
import { KoBuilder } from "../../src/build/ko/builder.js";
import type { BuildRequest } from "../../src/build/types.js";
import type { Artifact } from "../../src/config/schema/index.js";
import { readAll } from "../../src/oci/blob.js";
import { assembleImage, assembleIndex } from "../../src/oci/image.js";
import { indexMediaTypeFor } from "../../src/oci/media-types.js";
import type { ImageManifest, IndexManifest } from "../../src/oci/model.js";
import { parseReference } from "../../src/oci/reference.js";
import { readBlob } from "../../src/oci/registry/blobs.js";
import { RegistryClient } from "../../src/oci/registry/client.js";
import { createPuller } from "../../src/oci/registry/pull.js";
import { pushImage } from "../../src/oci/registry/push.js";
import { docker, ensureEnv, httpGet200, registryGet, repoRoot } from "../support/index.js";

const env = ensureEnv({ cluster: false });
const example = join(repoRoot, "examples", "hello-go");
const staticBase = env.images["static"]!;

function tag(name: string): string {
  return `${env.registry.address}/trestle-test/${name}:t-${randomBytes(4).toString("hex")}`;
}

function request(
  overrides: Partial<BuildRequest> & { readonly ko?: NonNullable<Artifact["ko"]> },
): BuildRequest {
  const { ko, ...rest } = overrides;
  return {
    artifact: { image: "localhost:5000/hello-go", ko: ko ?? { fromImage: staticBase } },
    workspace: example,
    tag: tag("ko-hello"),
    platforms: [],
    push: true,
    mode: "build",
    dependencies: new Map(),
    env: process.env,
    output: () => undefined,
    signal: new AbortController().signal,
    ...rest,
  };
}

async function json<T>(path: string): Promise<T> {
  const res = await registryGet(env, path);
  assert.equal(res.status, 200, `${path}: ${res.body}`);
  return JSON.parse(res.body) as T;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === "object" && address !== null ? address.port : 0);
      });
    });
  });
}

/** The bytes of one file of a gzip layer of `repository`. */
async function fileInLayer(
  repository: string,
  layer: ImageManifest["layers"][number],
  path: string,
): Promise<Buffer> {
  const client = new RegistryClient();
  const blob = await readAll(readBlob(client.api(env.registry.address), repository, layer));
  const tarFile = join(mkdtempSync(join(tmpdir(), "trestle-ko-layer-")), "layer.tar");
  writeFileSync(tarFile, gunzipSync(blob));
  return execFileSync("tar", ["-xOf", tarFile, path], { maxBuffer: 256 * 1024 * 1024 });
}

/** A linux/amd64 + linux/arm64 base: the static base's files (architecture-free) under two configs. */
async function multiPlatformBase(): Promise<string> {
  const client = new RegistryClient();
  const pulled = await createPuller(client).pull(parseReference(staticBase));
  assert.equal(pulled.kind, "image");
  const amd64 = pulled.image;
  const arm64 = assembleImage({
    mediaType: amd64.mediaType,
    configMediaType: amd64.manifest.config.mediaType,
    config: { ...amd64.config, architecture: "arm64" },
    layers: amd64.layers,
  });
  const index = assembleIndex(indexMediaTypeFor(amd64.mediaType), [
    { image: amd64, platform: { os: "linux", architecture: "amd64" } },
    { image: arm64, platform: { os: "linux", architecture: "arm64" } },
  ]);
  const ref = `${env.registry.address}/trestle-test/static-multiplatform:latest`;
  await pushImage(client, parseReference(ref), index);
  return ref;
}

void test("building examples/hello-go twice gives identical digests", { timeout: 600_000 }, async () => {
  const epoch = { ...process.env, SOURCE_DATE_EPOCH: "1700000000" };
  // Separate caches, so the second build links its own binary and writes its own layers.
  const fresh = (): KoBuilder =>
    new KoBuilder({ cacheDir: mkdtempSync(join(tmpdir(), "trestle-ko-cache-")) });
  const first = await fresh().build(request({ env: epoch }));
  const second = await fresh().build(request({ env: epoch, tag: tag("ko-hello-again") }));
  assert.ok(first.digest !== undefined);
  assert.equal(second.digest, first.digest);
  assert.match(first.reference, /trestle-test\/ko-hello:t-[0-9a-f]+@sha256:[0-9a-f]{64}$/);
  const { repository } = parseReference(first.reference);
  const manifest = await json<ImageManifest>(`/v2/${repository}/manifests/${first.digest}`);
  const config = await json<{ created: string; config: { Entrypoint: string[]; Env: string[] } }>(
    `/v2/${repository}/blobs/${manifest.config.digest}`,
  );
  assert.equal(config.created, "2023-11-14T22:13:20Z");
  assert.deepEqual(config.config.Entrypoint, ["/ko-app/hello-go"]);
  assert.ok(config.config.Env.includes("KO_DATA_PATH=/var/run/ko"));
  assert.equal(manifest.annotations?.["org.opencontainers.image.base.name"], staticBase);
});

void test("the image loads into the engine, runs and serves HTTP", { timeout: 600_000 }, async () => {
  const built = await new KoBuilder().build(request({ push: false, tag: tag("ko-run") }));
  assert.match(built.imageId ?? "", /^sha256:[0-9a-f]{64}$/);
  const port = await freePort();
  const id = (
    await docker(env, ["run", "-d", "--network", "host", "-e", `PORT=${port}`, built.reference])
  ).trim();
  try {
    assert.equal(await httpGet200(`http://127.0.0.1:${port}/`, 60_000), "Hello from hello-go\n");
  } finally {
    await docker(env, ["rm", "-f", id]).catch(() => "");
    await docker(env, ["rmi", "-f", built.reference]).catch(() => "");
  }
});

void test(
  "a kodata file is readable at KO_DATA_PATH, with .ko.yaml giving the base image",
  { timeout: 600_000 },
  async () => {
    const workspace = mkdtempSync(join(tmpdir(), "trestle-ko-kodata-"));
    cpSync(example, workspace, { recursive: true });
    mkdirSync(join(workspace, "kodata", "static"), { recursive: true });
    writeFileSync(join(workspace, "kodata", "static", "greeting.txt"), "hello from kodata\n");
    writeFileSync(join(workspace, ".ko.yaml"), `defaultBaseImage: ${staticBase}\n`);
    const built = await new KoBuilder().build(
      request({ workspace, push: false, tag: tag("ko-kodata"), ko: {} }),
    );
    const envList = JSON.parse(
      await docker(env, ["image", "inspect", "--format", "{{json .Config.Env}}", built.reference]),
    ) as string[];
    const dataPath = envList.find((e) => e.startsWith("KO_DATA_PATH="))?.slice("KO_DATA_PATH=".length);
    assert.equal(dataPath, "/var/run/ko");
    const container = (await docker(env, ["create", built.reference])).trim();
    try {
      const dir = mkdtempSync(join(tmpdir(), "trestle-ko-cp-"));
      await docker(env, ["cp", `${container}:${dataPath}/static/greeting.txt`, join(dir, "greeting.txt")]);
      assert.equal(
        execFileSync("cat", [join(dir, "greeting.txt")], { encoding: "utf8" }),
        "hello from kodata\n",
      );
    } finally {
      await docker(env, ["rm", "-f", container]).catch(() => "");
      await docker(env, ["rmi", "-f", built.reference]).catch(() => "");
    }
  },
);

void test(
  "linux/amd64 + linux/arm64 builds a cross-compiled index; `all` takes every base platform",
  { timeout: 900_000 },
  async () => {
    const base = await multiPlatformBase();
    const builder = new KoBuilder();
    const built = await builder.build(
      request({ ko: { fromImage: base }, platforms: ["linux/amd64", "linux/arm64"] }),
    );
    const { repository } = parseReference(built.reference);
    const index = await json<IndexManifest>(`/v2/${repository}/manifests/${built.digest!}`);
    assert.equal(index.mediaType, "application/vnd.docker.distribution.manifest.list.v2+json");
    assert.deepEqual(
      index.manifests.map((m) => `${m.platform?.os ?? ""}/${m.platform?.architecture ?? ""}`),
      ["linux/amd64", "linux/arm64"],
    );
    const machines: number[] = [];
    for (const entry of index.manifests) {
      const manifest = await json<ImageManifest>(`/v2/${repository}/manifests/${entry.digest}`);
      const binaryLayer = manifest.layers[manifest.layers.length - 1]!;
      const binary = await fileInLayer(repository, binaryLayer, "ko-app/hello-go");
      assert.equal(binary.subarray(0, 4).toString("latin1"), "\x7fELF");
      machines.push(binary.readUInt16LE(18));
    }
    assert.deepEqual(machines, [62, 183], "x86-64, then AArch64");
    const all = await builder.build(
      request({ ko: { fromImage: base }, platforms: ["all"], tag: tag("ko-all") }),
    );
    assert.equal(all.digest, built.digest, "`all` is the same two platforms, so the same index");
  },
);

/** The pushed image's binary and `go version -m`'s build settings of it (`-gcflags`, `-trimpath`…). */
async function pushedBinary(built: { reference: string; digest?: string }): Promise<{
  readonly settings: Map<string, string>;
  readonly listing: string;
}> {
  const { repository } = parseReference(built.reference);
  const manifest = await json<ImageManifest>(`/v2/${repository}/manifests/${built.digest!}`);
  const layer = manifest.layers[manifest.layers.length - 1]!;
  const dir = mkdtempSync(join(tmpdir(), "trestle-ko-bin-"));
  const file = join(dir, "app");
  writeFileSync(file, await fileInLayer(repository, layer, "ko-app/hello-go"));
  const client = new RegistryClient();
  const blob = await readAll(readBlob(client.api(env.registry.address), repository, layer));
  writeFileSync(join(dir, "layer.tar"), gunzipSync(blob));
  const listing = execFileSync("tar", ["--full-time", "-tvf", join(dir, "layer.tar")], {
    encoding: "utf8",
    env: { ...process.env, TZ: "UTC" },
  });
  const info = execFileSync("go", ["version", "-m", file], { encoding: "utf8" });
  const settings = new Map<string, string>();
  for (const line of info.split("\n")) {
    const match = /^\s+build\s+([^=]+)=(.*)$/.exec(line);
    if (match) settings.set(match[1]!, match[2]!);
  }
  return { settings, listing };
}

void test("ko:// image names, debug builds and dependencies", { timeout: 600_000 }, async () => {
  const builder = new KoBuilder();
  const artifact = { image: "ko://example.com/hello-go", ko: { fromImage: staticBase } };
  const plain = await builder.build(request({ artifact, tag: tag("example.com/hello-go") }));
  const debug = await builder.build(request({ artifact, tag: tag("example.com/hello-go"), mode: "debug" }));
  assert.notEqual(debug.digest, plain.digest, "debug builds keep optimisations off and paths untrimmed");
  // What the Go toolchain recorded in the binaries: debug = -N -l on every package, no -trimpath.
  const plainBuild = (await pushedBinary(plain)).settings;
  const debugBuild = (await pushedBinary(debug)).settings;
  assert.equal(plainBuild.get("-trimpath"), "true");
  assert.equal(plainBuild.get("-gcflags"), undefined);
  assert.equal(debugBuild.get("-gcflags"), '"all=-N -l"');
  assert.equal(debugBuild.get("-trimpath"), undefined);
  await assert.rejects(
    builder.build(request({ artifact, tag: "ko://example.com/hello-go:v1" })),
    /default repo must be set/,
  );
  assert.deepEqual(await builder.dependencies(artifact, example), [join(example, "main.go")]);
});

void test(
  "gcflags reach the compiler; sourceDateEpoch wins over SOURCE_DATE_EPOCH",
  { timeout: 600_000 },
  async () => {
    const lines: string[] = [];
    const builder = new KoBuilder({ cacheDir: mkdtempSync(join(tmpdir(), "trestle-ko-cache-")) });
    const ko = { fromImage: staticBase, gcflags: ["-m"], sourceDateEpoch: 1600000000 };
    const built = await builder.build(
      request({ ko, env: { ...process.env, SOURCE_DATE_EPOCH: "1700000000" }, output: (l) => lines.push(l) }),
    );
    const { repository } = parseReference(built.reference);
    const manifest = await json<ImageManifest>(`/v2/${repository}/manifests/${built.digest!}`);
    const config = await json<{ created: string }>(`/v2/${repository}/blobs/${manifest.config.digest}`);
    assert.equal(config.created, "2020-09-13T12:26:40Z");
    const { settings, listing } = await pushedBinary(built);
    assert.equal(settings.get("-gcflags"), "-m");
    assert.match(listing, /2020-09-13 12:26:40 ko-app\/hello-go/);
    assert.ok(
      lines.some((l) => /main\.go:\d+:\d+: .*(inline|escape)/.test(l)),
      `-m diagnostics in the build output:\n${lines.join("\n")}`,
    );
    // Debug mode keeps -N -l in force beside the artifact's gcflags.
    const debug = await builder.build(request({ ko, mode: "debug", tag: tag("ko-gcflags-debug") }));
    assert.equal((await pushedBinary(debug)).settings.get("-gcflags"), '"all=-N -l -m"');
  },
);
