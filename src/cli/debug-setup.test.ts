import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ResolvedConfig } from "../config/resolved.js";
import type { OciImageConfig } from "../debug/index.js";
import { DebugImageConfigs, runtimeTypes, type ImageConfigReader } from "./debug-images.js";
import { DebugRewriter } from "./debug-setup.js";

const project = {
  rootFile: "/p/skaffold.yaml",
  modules: [
    { config: { build: { artifacts: [{ image: "web" }, { image: "api", runtimeType: "java" }] } } },
    { config: { build: { artifacts: [{ image: "api", runtimeType: "go" }] } } },
  ],
} as unknown as ResolvedConfig;

/** A reader over fixed configs that counts its reads; unknown references are missing. */
function reader(configs: Record<string, OciImageConfig>): ImageConfigReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read(reference) {
      reads.push(reference);
      return Promise.resolve(configs[reference]);
    },
  };
}

const goConfig: OciImageConfig = { config: { Entrypoint: ["/app/web"], Env: ["GOTRACEBACK=single"] } };
const jvmConfig: OciImageConfig = { config: { Cmd: ["/start.sh"] } };

function deployment(name: string, image: string): Record<string, unknown> {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: { template: { spec: { containers: [{ name, image }] } } },
  };
}

describe("runtimeTypes", () => {
  it("maps image names to the first module's runtimeType", () => {
    assert.deepEqual(
      [...runtimeTypes(project)],
      [
        ["web", undefined],
        ["api", "java"],
      ],
    );
  });
});

describe("DebugImageConfigs", () => {
  it("keys configs by reference in image order, adds runtimeType, reads each reference once", async () => {
    const source = reader({ "r/web:1": goConfig, "r/api:1": jvmConfig });
    const configs = new DebugImageConfigs(source, runtimeTypes(project));
    const images = [
      { imageName: "web", tag: "r/web:1" },
      { imageName: "api", tag: "r/api:1" },
    ];
    const first = await configs.configurations(images);
    assert.deepEqual([...first.images.keys()], ["r/web:1", "r/api:1"]);
    assert.equal(first.images.get("r/api:1")?.runtimeType, "jvm");
    assert.equal(first.images.get("r/web:1")?.artifact, "web");
    assert.deepEqual(first.failures, []);
    await configs.configurations(images);
    assert.deepEqual(source.reads.sort(), ["r/api:1", "r/web:1"]);
  });

  it("reports images it cannot read and leaves them out", async () => {
    const failing: ImageConfigReader = { read: () => Promise.reject(new Error("registry down")) };
    const configs = new DebugImageConfigs(failing, new Map());
    const out = await configs.configurations([{ imageName: "web", tag: "r/web:2" }]);
    assert.equal(out.images.size, 0);
    assert.deepEqual(out.failures, [{ reference: "r/web:2", reason: "registry down" }]);
    const missing = await new DebugImageConfigs(reader({}), new Map()).configurations([
      { imageName: "web", tag: "r/web:3" },
    ]);
    assert.match(missing.failures[0]?.reason ?? "", /neither in the engine nor in its registry/);
  });
});

describe("DebugRewriter", () => {
  it("rewrites each module's manifests and collects the debug ports of the iteration", async () => {
    const warnings: string[] = [];
    const rewriter = new DebugRewriter(
      reader({ "r/web:1": goConfig, "r/api:1": jvmConfig }),
      project,
      { helpersRegistry: "localhost:5000/dbg", protocols: [] },
      (line) => warnings.push(line),
    );
    const transform = await rewriter.prepare([
      { imageName: "web", tag: "r/web:1" },
      { imageName: "api", tag: "r/api:1" },
      { imageName: "gone", tag: "r/gone:1" },
    ]);
    const web = transform([deployment("web", "r/web:1")]);
    transform([deployment("api", "r/api:1")]);
    transform([deployment("web", "r/web:1")]);
    const template = (web[0] as { spec: { template: { metadata: { annotations: Record<string, string> } } } })
      .spec.template;
    assert.match(template.metadata.annotations["debug.cloud.google.com/config"] ?? "", /"runtime":"go"/);
    assert.deepEqual(
      rewriter.targets().map((t) => [t.name, t.protocol, t.port]),
      [
        ["web", "dlv", 56268],
        ["api", "jdwp", 5005],
      ],
    );
    assert.deepEqual(warnings, [
      "debug: cannot read the image config of r/gone:1 (the image is neither in the engine nor in its registry); its containers are not rewritten",
    ]);

    const next = await rewriter.prepare([{ imageName: "api", tag: "r/api:1" }]);
    next([deployment("api", "r/api:1")]);
    assert.deepEqual(
      rewriter.targets().map((t) => t.name),
      ["api"],
      "a new iteration starts a new list",
    );
  });
});
