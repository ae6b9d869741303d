// The buildpacks builder against the real engine and registry, with Trestle's test builders
// (localhost:5000/trestle/cnb-builder:{google,paketo}, built by scripts/env): the examples build with their
// `buildpacks` profile and serve HTTP; a rebuild reuses the cache; an untrusted builder runs the five phases
// in separate containers; publishing goes straight to the registry; detect failures name the buildpacks.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { randomBytes } from "node:crypto";
import {
  BuildpacksBuilder,
  autoSyncRules,
  buildpacksAutoSyncReading,
  legacySbomReader,
} from "../../src/build/buildpacks/index.js";
import { cacheVolumeNames } from "../../src/build/buildpacks/builder.js";
import type { BuildRequest } from "../../src/build/types.js";
import type { BuildpackArtifact } from "../../src/config/schema/index.js";
import { createDockerDaemon } from "../../src/docker/index.js";
import { hostPlatform } from "../../src/oci/platform.js";
import { parseReference } from "../../src/oci/reference.js";
import { RegistryClient } from "../../src/oci/registry/client.js";
import { dockerConfigCredentials } from "../../src/oci/registry/credentials.js";
import { createPuller } from "../../src/oci/registry/pull.js";
import { processExec } from "../../src/proc/exec.js";
import { BUILD_TIMEOUT_MS, repoRoot, scratchCopy, trestle } from "../cli/run-trestle.js";
import {
  docker,
  ensureEnv,
  httpGet200,
  registryGet,
  secureRegistryGet,
  splitRef,
  toolEnv,
  uniqueRef,
} from "../support/index.js";

const env = ensureEnv({ cluster: false });
const processEnv = toolEnv(env);
const daemon = createDockerDaemon({ exec: processExec, env: processEnv });
const builder = new BuildpacksBuilder({ daemon, insecureRegistries: [] });
const google = `${env.registry.address}/trestle/cnb-builder:google`;
const paketo = `${env.registry.address}/trestle/cnb-builder:paketo`;
const images: string[] = [];
const dirs: string[] = [];
const volumes: string[] = [];

after(async () => {
  for (const ref of images) await daemon.images.remove(ref, { force: true }).catch(() => undefined);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  for (const volume of volumes) await daemon.volumes.remove(volume, { force: true }).catch(() => undefined);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => {
        if (addr && typeof addr === "object") resolve(addr.port);
        else reject(new Error("no port"));
      });
    });
  });
}

/** Runs the image on the host network with PORT set and returns what GET / answers. */
async function serve(ref: string): Promise<string> {
  const port = await freePort();
  const id = (await docker(env, ["run", "-d", "--network", "host", "-e", `PORT=${port}`, ref])).trim();
  try {
    return await httpGet200(`http://127.0.0.1:${port}/`, 60_000);
  } finally {
    await docker(env, ["rm", "-f", id]).catch(() => "");
  }
}

function request(
  workspace: string,
  name: string,
  buildpacks: BuildpackArtifact,
  lines: string[],
  extra: Partial<BuildRequest> = {},
): BuildRequest {
  const tag = uniqueRef(env, name);
  const { registry, repo } = splitRef(tag);
  images.push(tag, `${registry}/${repo}:latest`);
  const caches = cacheVolumeNames(tag);
  volumes.push(caches.build, caches.launch);
  return {
    artifact: { image: `${registry}/${repo}`, buildpacks },
    workspace,
    tag,
    platforms: [],
    push: false,
    mode: "build",
    dependencies: new Map(),
    env: processEnv,
    output: (line) => lines.push(line),
    signal: AbortSignal.timeout(600_000),
    ...extra,
  };
}

/** The labels of a pushed image's config, from the registry. */
async function registryLabels(registry: RegistryClient, reference: string): Promise<Record<string, string>> {
  const pulled = await createPuller(registry).pull(parseReference(reference), [hostPlatform()]);
  assert.equal(pulled.kind, "image");
  return pulled.kind === "image" ? { ...(pulled.image.config.config?.Labels ?? {}) } : {};
}

function example(name: string): string {
  const dir = scratchCopy(join(repoRoot, "examples", name));
  dirs.push(dir);
  return dir;
}

describe("buildpacks: the examples' buildpacks profile (trestle build)", () => {
  const home = mkdtempSync(join(tmpdir(), "trestle-home-"));
  dirs.push(home);
  const runEnv = { ...(processEnv as Record<string, string>), HOME: home };
  for (const [name, greeting] of [
    ["hello-node", "Hello from hello-node\n"],
    ["hello-python", "Hello from hello-python\n"],
    // A cold Go build compiles the standard library: longer than run-trestle's default timeout.
    ["hello-go", "Hello from hello-go\n"],
  ] as const) {
    it(`${name} builds with the test builder, runs and serves`, async () => {
      const dir = example(name);
      const tag = `t-${Date.now().toString(36)}`;
      const result = trestle(
        ["build", "-p", "buildpacks", "--push=false", "--tag", tag, "--file-output", "build.json"],
        { cwd: dir, env: runEnv, timeoutMs: BUILD_TIMEOUT_MS },
      );
      const out = `${result.stdout}\n${result.stderr}`;
      assert.equal(result.code, 0, out);
      assert.match(out, /\[detector\] (google|paketo-buildpacks)/);
      assert.match(out, /\[exporter\] Saving localhost:5000\//);
      const built = JSON.parse(readFileSync(join(dir, "build.json"), "utf8")) as {
        builds: { tag: string }[];
      };
      const ref = built.builds[0]?.tag ?? "";
      images.push(ref, `localhost:5000/${name}:latest`);
      const caches = cacheVolumeNames(ref);
      volumes.push(caches.build, caches.launch);
      assert.equal(ref, `localhost:5000/${name}:${tag}`);
      assert.equal(await serve(ref), greeting);
    });
  }
});

describe("buildpacks: builder behaviour", () => {
  it("hello-go (trusted builder, creator): serves, and a rebuild restores the cache and reuses layers", async (t) => {
    const dir = example("hello-go");
    const name = `bp-go-${randomBytes(3).toString("hex")}`; // a new repository: new, empty cache volumes
    const first: string[] = [];
    const t0 = Date.now();
    const cold = await builder.build(request(dir, name, { builder: google, trustBuilder: true }, first));
    const coldMs = Date.now() - t0;
    assert.ok(first.includes("===> DETECTING"), first.join("\n"));
    assert.ok(
      first.some((l) => l.startsWith("[builder] Go build buildpack")),
      first.join("\n"),
    );
    assert.equal(await serve(cold.reference), "Hello from hello-go\n");

    const second: string[] = [];
    const t1 = Date.now();
    const warm = await builder.build(request(dir, name, { builder: google, trustBuilder: true }, second));
    const warmMs = Date.now() - t1;
    const text = second.join("\n");
    assert.match(text, /\[restorer\] Restoring data for "google\.go\.build:gocache" from cache/);
    assert.match(text, /\[exporter\] Reusing layer 'google\.go\.build:app'/);
    assert.match(text, /\[exporter\] Reused 1\/1 app layer\(s\)/);
    assert.equal(warm.imageId, cold.imageId, "same sources, same image");
    t.diagnostic(`hello-go cold build ${coldMs} ms, rebuild with cache ${warmMs} ms`);
    const goBuild = (lines: string[]): string => lines.find((l) => l.includes("go build took")) ?? "";
    t.diagnostic(`cold: ${goBuild(first)}; warm: ${goBuild(second)}`);
  });

  it("an untrusted builder runs analyzer, detector, restorer, builder and exporter in separate containers", async () => {
    const dir = example("hello-python");
    const lines: string[] = [];
    const built = await builder.build(request(dir, "bp-py", { builder: paketo }, lines));
    const headers = lines.filter((l) => l.startsWith("===> "));
    assert.deepEqual(
      headers,
      ["===> ANALYZING", "===> DETECTING", "===> RESTORING", "===> BUILDING", "===> EXPORTING"],
      lines.join("\n"),
    );
    const prefixes = [...new Set(lines.map((l) => /^\[(\w+)\]/.exec(l)?.[1]).filter(Boolean))];
    for (const phase of ["analyzer", "detector", "builder", "exporter"])
      assert.ok(prefixes.includes(phase), phase);
    assert.ok(lines.some((l) => l.includes("untrusted: separate phases")));
    assert.ok(!lines.some((l) => l.startsWith("[creator]")));
    assert.equal(await serve(built.reference), "Hello from hello-python\n");
  });

  it("publishes straight to the registry when pushing", async () => {
    const dir = example("hello-node");
    const lines: string[] = [];
    const req = request(dir, "bp-push", { builder: paketo, trustBuilder: true }, lines, { push: true });
    const built = await builder.build(req);
    assert.match(built.reference, new RegExp(`^${req.tag}@sha256:[0-9a-f]{64}$`));
    const manifest = await registryGet(env, `/v2/${splitRef(req.tag).repo}/manifests/${built.digest ?? ""}`);
    assert.equal(manifest.status, 200);
    assert.equal(await daemon.images.inspect(req.tag), undefined, "not loaded into the engine");
  });

  it("publishes to a registry that needs credentials (CNB_REGISTRY_AUTH from the Docker config)", async () => {
    const secure = env.secureRegistry;
    const config = mkdtempSync(join(tmpdir(), "trestle-docker-config-"));
    dirs.push(config);
    const auth = Buffer.from(`${secure.username}:${secure.password}`).toString("base64");
    writeFileSync(join(config, "config.json"), JSON.stringify({ auths: { [secure.address]: { auth } } }));
    const authed = new BuildpacksBuilder({
      daemon,
      insecureRegistries: [secure.address], // self-signed certificate
      credentials: dockerConfigCredentials({ exec: processExec, env: { DOCKER_CONFIG: config } }),
    });
    const dir = example("hello-node");
    const repo = `trestle-test/bp-auth-${randomBytes(3).toString("hex")}`;
    const lines: string[] = [];
    const req = request(dir, "bp-auth", { builder: google, trustBuilder: true }, lines, {
      push: true,
      tag: `${secure.address}/${repo}:v1`,
      artifact: { image: `${secure.address}/${repo}`, buildpacks: { builder: google, trustBuilder: true } },
    });
    const caches = cacheVolumeNames(req.tag);
    volumes.push(caches.build, caches.launch);
    const built = await authed.build(req);
    assert.match(built.reference, /@sha256:[0-9a-f]{64}$/);
    const manifest = await secureRegistryGet(env, `/v2/${repo}/manifests/${built.digest ?? ""}`);
    assert.equal(manifest.status, 200, manifest.body);
    assert.equal((await secureRegistryGet(env, `/v2/${repo}/manifests/v1`, true)).status, 401);
    // Without credentials the same push is refused, and the error says which phase failed.
    const anonymous = new BuildpacksBuilder({ daemon, insecureRegistries: [secure.address] });
    await assert.rejects(
      anonymous.build({ ...req, tag: `${secure.address}/${repo}:v2`, output: () => undefined }),
      (error: Error) => /export|creator/i.test(error.message),
    );
  });

  it("dev mode: GOOGLE_DEVMODE and BP_LIVE_RELOAD_ENABLED reach the buildpacks; sync rules come out", async () => {
    const dir = example("hello-node");
    for (const [flavour, id] of [
      [google, "google.nodejs.npm"],
      [paketo, "paketo-buildpacks/node-start"],
    ] as const) {
      const lines: string[] = [];
      const built = await builder.build(
        request(dir, "bp-dev", { builder: flavour, trustBuilder: true }, lines, { mode: "dev" }),
      );
      assert.ok(
        lines.some((l) => /GOOGLE_DEVMODE is set|BP_LIVE_RELOAD_ENABLED=true/.test(l)),
        lines.join("\n"),
      );
      const image = await daemon.images.inspect(built.reference);
      const labels = image?.labels ?? {};
      const metadata = JSON.parse(labels["io.buildpacks.build.metadata"] ?? "{}") as {
        processes: { type: string; command: string[] }[];
      };
      assert.deepEqual(metadata.processes.find((p) => p.type === "web")?.command, [
        "node",
        "--watch",
        "server.js",
      ]);
      const rules = autoSyncRules({ labels });
      assert.equal(rules.source, "inferred", "Platform API 0.15 leaves the label's bom empty");
      assert.deepEqual(rules.buildpacks, [`${id}@0.1.0`]);
      assert.ok(rules.rules.some((r) => r.src === "**/*.js" && r.dest === "/workspace"));
    }
  });

  it("google-style Python: devmode.sync read from the image's legacy SBOM, in the engine and in the registry", async () => {
    const dir = example("hello-python");
    const registry = new RegistryClient({ env: processEnv });
    const read = legacySbomReader({ engine: () => daemon, registry: () => registry });
    const expected = [{ src: "**/*.py", dest: "/workspace" }];
    try {
      for (const push of [false, true]) {
        const req = request(dir, "bp-sbom", { builder: google, trustBuilder: true }, [], {
          mode: "dev",
          push,
        });
        const built = await builder.build(req);
        const labels = push
          ? await registryLabels(registry, built.reference)
          : ((await daemon.images.inspect(built.reference))?.labels ?? {});
        assert.equal(autoSyncRules({ labels }).source, "none", "the label alone has no rules");
        const provider = buildpacksAutoSyncReading(read);
        const input = { artifact: req.artifact, workspace: dir, labels, reference: built.reference };
        assert.deepEqual(await provider(input), expected, push ? "registry" : "engine");
      }
    } finally {
      registry.close();
    }
  });

  it("a failing detect names the buildpacks tried; project.toml and buildpacks narrow them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trestle-bp-empty-"));
    dirs.push(dir);
    writeFileSync(join(dir, "README.md"), "nothing to build\n");
    await assert.rejects(builder.build(request(dir, "bp-none", { builder: google }, [])), {
      code: "BUILDPACKS_DETECT_FAILED",
      message:
        /buildpacks tried: google\.nodejs\.npm@0\.1\.0, google\.python\.runtime@0\.1\.0, google\.go\.build@0\.1\.0/,
    });
    writeFileSync(join(dir, "project.toml"), '[[build.buildpacks]]\nid = "google.go.build"\n');
    await assert.rejects(
      builder.build(request(dir, "bp-none", { builder: google, trustBuilder: true }, [])),
      {
        code: "BUILDPACKS_DETECT_FAILED",
        message: /buildpacks tried: google\.go\.build@0\.1\.0$/,
      },
    );
    await assert.rejects(
      builder.build(request(dir, "bp-none", { builder: google, buildpacks: ["nope/x"] }, [])),
      {
        code: "BUILDPACKS_UNKNOWN_BUILDPACK",
      },
    );
  });

  it("a missing builder image is a clear error", async () => {
    const dir = example("hello-node");
    await assert.rejects(
      builder.build(
        request(dir, "bp-missing", { builder: `${env.registry.address}/trestle-test/no-such-builder:1` }, []),
      ),
      {
        code: "BUILDPACKS_BUILDER_NOT_FOUND",
        message: /the builder image .*no-such-builder:1 is not in the local engine/,
      },
    );
    await assert.rejects(
      builder.build(request(dir, "bp-notbuilder", { builder: env.images["busybox"] ?? "" }, [])),
      {
        code: "BUILDPACKS_NOT_A_BUILDER",
      },
    );
  });
});
