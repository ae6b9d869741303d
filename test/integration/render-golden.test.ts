// Golden render tests: `trestle render` on Skaffold's example projects (../shared/conformance/skaffold-examples)
// that use rawYaml, kustomize and helm, with fixed images (--images, --digest-source=tag, --offline) and a
// --label, compared with test/golden/render/<example>.yaml. The goldens were checked by hand once (see
// docs/render.md). TRESTLE_UPDATE_GOLDEN=1 rewrites them. kustomize and helm come from the test environment.
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
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

function render(example: string): string {
  const dir = scratchCopy(join(conformanceDir, example));
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
