import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { loadProject } from "./load-project.js";
import type { RemoteConfigCache } from "./remote-configs.js";

const examples = fileURLToPath(new URL("../../../shared/conformance/skaffold-examples/", import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

function isSkaffoldFile(path: string): boolean {
  try {
    return parseAllDocuments(readFileSync(path, "utf8")).some((doc) => {
      const data: unknown = doc.toJS();
      return (
        typeof data === "object" &&
        data !== null &&
        String((data as Record<string, unknown>)["apiVersion"]).startsWith("skaffold/")
      );
    });
  } catch {
    return false; // Helm chart templates are not YAML until rendered
  }
}

/**
 * The remote example requires folders of Skaffold's GitHub repository, which this machine cannot reach: a
 * checkout with the same layout stands in for it (test/cli/conformance.test.ts clones a real git mirror).
 */
function localCheckout(): RemoteConfigCache {
  const root = mkdtempSync(join(tmpdir(), "trestle-checkout-"));
  mkdirSync(join(root, "examples"));
  symlinkSync(
    join(examples, "multi-config-microservices"),
    join(root, "examples", "multi-config-microservices"),
  );
  return { checkout: () => Promise.resolve(root) };
}

const all = yamlFiles(examples).sort();
const configs = all.filter(isSkaffoldFile);

describe("every Skaffold config in Skaffold's examples loads, upgrades and validates", () => {
  it("finds the 153 YAML files and the Skaffold configs among them", () => {
    assert.equal(all.length, 153);
    assert.ok(configs.length >= 50, `${configs.length} configs`);
  });
  for (const file of configs) {
    it(relative(examples, file), async () => {
      const project = await loadProject({
        filename: file,
        cwd: examples,
        env: {},
        command: "dev",
        profiles: [],
        profileAutoActivation: true,
        propagateProfiles: true,
        modules: [],
        kubeContext: () => "minikube",
        currentNamespace: () => "default",
        remoteConfigs: localCheckout(),
      });
      assert.ok(project.modules.length >= 1);
      for (const module of project.modules)
        assert.ok(module.config.deploy, "defaults give every config a deploy section");
    });
  }
});
