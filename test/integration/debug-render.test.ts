// `trestle debug --render-only` on the examples, with the real engine and registry: it builds in debug mode,
// reads the built images' configs, and prints the manifests rewritten as `skaffold debug` rewrites them (the
// debugger's command line, the /dbg volume filled by an init container from the helpers registry, the
// debug.cloud.google.com/config annotation, replicas 1).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseAllDocuments } from "yaml";
import { DEFAULT_HELPERS_REGISTRY } from "../../src/debug/index.js";
import { DLV } from "../../src/debug/testing.js";
import { repoRoot, scratchCopy, trestle } from "../cli/run-trestle.js";
import { docker, dockerBuild, dockerPush, ensureEnv, toolEnv, uniqueRef } from "../support/index.js";

const env = ensureEnv({ cluster: false });
const tag = `dbg-${randomBytes(4).toString("hex")}`;
const helpers = `${env.registry.address}/trestle/debug-support`;

interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  ports?: { name?: string; containerPort: number }[];
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Deployment {
  kind: string;
  spec: {
    replicas?: number;
    template: {
      metadata: { annotations?: Record<string, string> };
      spec: {
        containers: Container[];
        initContainers?: Container[];
        volumes?: { name: string; emptyDir?: object }[];
      };
    };
  };
}

function freshHome(config?: string): string {
  const home = mkdtempSync(join(tmpdir(), "trestle-home-"));
  if (config !== undefined) {
    mkdirSync(join(home, ".trestle"));
    writeFileSync(join(home, ".trestle", "config"), config);
  }
  return home;
}

function debugRender(
  example: string,
  args: readonly string[],
  home = freshHome(),
): { dir: string; code: number; stdout: string; stderr: string } {
  const dir = scratchCopy(join(repoRoot, "examples", example));
  const result = trestle(["debug", "--render-only", ...args], {
    cwd: dir,
    env: { ...(toolEnv(env) as Record<string, string>), HOME: home },
  });
  return { dir, ...result };
}

function deploymentOf(text: string): Deployment {
  const docs = parseAllDocuments(text).map((d) => d.toJS() as Deployment);
  const deployment = docs.find((d) => d.kind === "Deployment");
  assert.ok(deployment, `a Deployment in:\n${text}`);
  return deployment;
}

/** What the container runs: its command and args (the image's entrypoint/cmd are replaced when set). */
function commandLine(container: Container): string[] {
  return [...(container.command ?? []), ...(container.args ?? [])];
}

function only<T>(items: readonly T[] | undefined): T {
  assert.equal(items?.length, 1, JSON.stringify(items));
  return items[0] as T;
}

async function imageConfig(ref: string): Promise<{ Entrypoint: string[] | null; Cmd: string[] | null }> {
  const repoTag = ref.split("@")[0] ?? ref;
  const inspected = JSON.parse(await docker(env, ["image", "inspect", repoTag])) as {
    Config: { Entrypoint: string[] | null; Cmd: string[] | null };
  }[];
  assert.ok(inspected[0]);
  return inspected[0].Config;
}

describe("trestle debug --render-only (real engine and registry)", () => {
  it("Go: builds, then runs the program under Delve with /dbg filled from --debug-helpers-registry", async () => {
    const out = debugRender("hello-go", ["--tag", tag, "--debug-helpers-registry", helpers]);
    assert.equal(out.code, 0, out.stderr);
    const deployment = deploymentOf(out.stdout);
    assert.equal(deployment.spec.replicas, 1);
    const pod = deployment.spec.template;
    const app = only(pod.spec.containers);
    assert.match(app.image, new RegExp(`^localhost:5000/hello-go:${tag}@sha256:[0-9a-f]{64}$`));
    const config = await imageConfig(app.image);
    assert.deepEqual(app.command, [...DLV, ...(config.Entrypoint ?? []), ...(config.Cmd ?? [])]);
    assert.ok(app.ports?.some((p) => p.name === "dlv" && p.containerPort === 56268));
    assert.deepEqual(app.volumeMounts, [{ name: "debugging-support-files", mountPath: "/dbg" }]);
    assert.deepEqual(pod.spec.volumes, [{ name: "debugging-support-files", emptyDir: {} }]);
    const init = only(pod.spec.initContainers);
    assert.deepEqual(init, {
      name: "install-go-debug-support",
      image: `${helpers}/go`,
      volumeMounts: [{ name: "debugging-support-files", mountPath: "/dbg" }],
    });
    assert.deepEqual(JSON.parse(pod.metadata.annotations?.["debug.cloud.google.com/config"] ?? "null"), {
      "hello-go": {
        artifact: "localhost:5000/hello-go",
        runtime: "go",
        workingDir: "/home/nonroot",
        ports: { dlv: 56268 },
      },
    });
  });

  it("the helpers registry comes from the global config's debug-helpers-registry, else Skaffold's", () => {
    const configured = `${env.registry.address}/elsewhere/debug-support`;
    const home = freshHome(`global:\n  debug-helpers-registry: ${configured}\n`);
    const fromConfig = debugRender("hello-go", ["--tag", tag], home);
    assert.equal(fromConfig.code, 0, fromConfig.stderr);
    const init = only(deploymentOf(fromConfig.stdout).spec.template.spec.initContainers);
    assert.equal(init.image, `${configured}/go`);

    const fallback = debugRender("hello-go", ["--tag", tag]);
    assert.equal(fallback.code, 0, fallback.stderr);
    const defaultInit = only(deploymentOf(fallback.stdout).spec.template.spec.initContainers);
    assert.equal(defaultInit.image, `${DEFAULT_HELPERS_REGISTRY}/go`);
  });

  it("Node.js with --images and -o: node --inspect, the nodejs support image, written to the file", async () => {
    const ref = uniqueRef(env, "hello-node");
    await dockerBuild(env, join(repoRoot, "examples", "hello-node"), ref);
    const pinned = `${ref}@${await dockerPush(env, ref)}`;
    const out = debugRender("hello-node", [
      "--images",
      `localhost:5000/hello-node=${pinned}`,
      "--debug-helpers-registry",
      helpers,
      "-o",
      "debug.yaml",
    ]);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout, "");
    const deployment = deploymentOf(readFileSync(join(out.dir, "debug.yaml"), "utf8"));
    const app = only(deployment.spec.template.spec.containers);
    assert.equal(app.image, pinned);
    const config = await imageConfig(pinned);
    const original = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
    assert.equal(original[0], "node");
    assert.deepEqual(commandLine(app), ["node", "--inspect=0.0.0.0:9229", ...original.slice(1)]);
    assert.ok(app.env?.some((e) => e.name === "PATH" && e.value?.startsWith("/dbg/nodejs/bin:")));
    assert.equal(only(deployment.spec.template.spec.initContainers).image, `${helpers}/nodejs`);
    const annotation = JSON.parse(
      deployment.spec.template.metadata.annotations?.["debug.cloud.google.com/config"] ?? "null",
    ) as Record<string, { ports: Record<string, number> }>;
    assert.deepEqual(annotation["hello-node"]?.ports, { devtools: 9229 });
  });

  it("Python with --protocols pydevd: the launcher in pydevd mode", async () => {
    const ref = uniqueRef(env, "hello-python");
    await dockerBuild(env, join(repoRoot, "examples", "hello-python"), ref);
    const pinned = `${ref}@${await dockerPush(env, ref)}`;
    const out = debugRender("hello-python", [
      "--images",
      `localhost:5000/hello-python=${pinned}`,
      "--debug-helpers-registry",
      helpers,
      "--protocols",
      "pydevd",
    ]);
    assert.equal(out.code, 0, out.stderr);
    const app = only(deploymentOf(out.stdout).spec.template.spec.containers);
    const config = await imageConfig(pinned);
    assert.deepEqual(commandLine(app), [
      "/dbg/python/launcher",
      "--mode",
      "pydevd",
      "--port",
      "5678",
      "--",
      ...(config.Entrypoint ?? []),
      ...(config.Cmd ?? []),
    ]);
  });

  it("an image whose config cannot be read is left alone, with a warning", () => {
    const missing = `${env.registry.address}/trestle-test/never-pushed:${tag}`;
    const out = debugRender("hello-go", ["--images", `localhost:5000/hello-go=${missing}`]);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stderr, new RegExp(`cannot read the image config of ${missing.replaceAll(".", "\\.")}`));
    const pod = deploymentOf(out.stdout).spec.template;
    assert.equal(only(pod.spec.containers).image, missing);
    assert.equal(pod.metadata.annotations?.["debug.cloud.google.com/config"], undefined);
    assert.equal(pod.spec.initContainers, undefined);
  });
});
