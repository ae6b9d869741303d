// Golden render tests: `trestle render` on Skaffold's example projects (../shared/conformance/skaffold-examples)
// that use rawYaml, kustomize and helm, with fixed images (--images, --digest-source=tag, --offline) and a
// --label, compared with test/golden/render/<example>.yaml. The goldens were checked by hand once (see
// docs/render.md). TRESTLE_UPDATE_GOLDEN=1 rewrites them. kustomize and helm come from the test environment.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseAllDocuments } from "yaml";
import { conformanceDir, scratchCopy, trestle } from "../cli/run-trestle.js";
import { ensureEnv, repoRoot, toolEnv } from "../support/index.js";

const env = ensureEnv({ cluster: false });
const tools = toolEnv(env);

/** The examples, and what each one renders with. */
const EXAMPLES: readonly [string, string][] = [
  ["getting-started", "rawYaml"],
  ["microservices", "rawYaml"],
  ["nodejs", "rawYaml"],
  ["kustomize", "kustomize with buildArgs-free paths"],
  ["getting-started-kustomize", "kustomize overlays"],
  ["helm-render", "manifests.helm"],
  ["helm-deployment", "deploy.helm rendered with helm template"],
  ["multiple-renderers", "rawYaml + kustomize + helm"],
];

function artifactImages(dir: string): string[] {
  const images: string[] = [];
  for (const doc of parseAllDocuments(readFileSync(join(dir, "skaffold.yaml"), "utf8"))) {
    const config = doc.toJS() as { build?: { artifacts?: { image: string }[] } } | null;
    for (const a of config?.build?.artifacts ?? []) images.push(a.image);
  }
  return images;
}

function render(example: string, root = conformanceDir): string {
  const dir = scratchCopy(join(root, example));
  const images = artifactImages(dir).flatMap((image) => [
    "--images",
    `${image}=localhost:5000/golden/${image.replace(/[^a-z0-9-]/g, "-")}:v1`,
  ]);
  const result = trestle(["render", "--offline", "--digest-source=tag", "-l", "golden=yes", ...images], {
    cwd: dir,
    env: { PATH: tools["PATH"] ?? "" },
  });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout;
}

describe("trestle render on Skaffold's examples (golden files)", () => {
  for (const [example, what] of EXAMPLES) {
    it(`${example} (${what})`, () => {
      const out = render(example);
      const golden = join(repoRoot, "test", "golden", "render", `${example}.yaml`);
      if (process.env["TRESTLE_UPDATE_GOLDEN"] === "1" || !existsSync(golden)) writeFileSync(golden, out);
      assert.equal(out, readFileSync(golden, "utf8"));
      assert.match(out, /golden: "?yes"?/);
    });
  }
});

// Trestle's own examples (examples/*/skaffold.yaml): each renders offline, every built image is replaced and
// every workload carries the --label.
describe("trestle render on Trestle's examples", () => {
  const root = join(repoRoot, "examples");
  const names = readdirSync(root).filter((name) => existsSync(join(root, name, "skaffold.yaml")));
  it("finds the examples, the helm and kustomize ones among them", () => {
    assert.ok(names.includes("helm-chart") && names.includes("kustomize-overlay"), names.join(" "));
  });
  for (const example of names) {
    it(example, () => {
      const out = render(example, root);
      const images = artifactImages(join(root, example));
      assert.ok(images.length > 0);
      for (const image of images) {
        const built = `localhost:5000/golden/${image.replace(/[^a-z0-9-]/g, "-")}:v1`;
        assert.ok(out.includes(`image: ${built}`), `${built} not in\n${out}`);
      }
      const workloads = out.split("\n---\n").filter((doc) => /^kind: Deployment$/m.test(doc));
      assert.ok(workloads.length > 0, out);
      for (const doc of workloads) assert.match(doc, /golden: "?yes"?/);
    });
  }
});
