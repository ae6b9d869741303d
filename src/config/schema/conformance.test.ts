import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { parseAllDocuments } from "yaml";
import { skaffoldConfigSchema } from "./index.js";

const examplesDir = fileURLToPath(
  new URL("../../../../shared/conformance/skaffold-examples/", import.meta.url),
);

/**
 * Example documents Skaffold itself rejects, with the unknown key at fault: `deploy.kustomize` was moved to
 * `manifests.kustomize` in skaffold/v3, and this stale example was never updated.
 */
const KNOWN_INVALID: Record<string, { path: (string | number)[]; key: string }> = {
  "kustomize/skaffold-kustomize-args.yaml#0": { path: ["deploy"], key: "kustomize" },
};

/** YAML files that may hold a Skaffold config (charts and templates, which are not plain YAML, are skipped). */
function configFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return configFiles(path);
      if (!/\.ya?ml$/.test(name)) return [];
      const isConfig =
        name === "annotated-skaffold.yaml" || /^apiVersion:\s*skaffold\//m.test(readFileSync(path, "utf8"));
      return isConfig ? [path] : [];
    });
}

function skaffoldDocuments(file: string): { index: number; data: unknown }[] {
  return parseAllDocuments(readFileSync(file, "utf8")).flatMap((doc, index) => {
    assert.deepEqual(doc.errors, [], `${file}: YAML errors`);
    const data: unknown = doc.toJS();
    const apiVersion =
      typeof data === "object" && data !== null ? (data as Record<string, unknown>)["apiVersion"] : undefined;
    return typeof apiVersion === "string" && apiVersion.startsWith("skaffold/") ? [{ index, data }] : [];
  });
}

void describe("Skaffold's example configs", () => {
  void it("resolve the shared folder from the repository", () => {
    assert.ok(statSync(join(examplesDir, "annotated-skaffold.yaml")).isFile(), examplesDir);
  });

  const files = configFiles(examplesDir);
  let checked = 0;

  for (const file of files) {
    const name = relative(examplesDir, file);
    void it(`parses ${name}`, () => {
      for (const { index, data } of skaffoldDocuments(file)) {
        checked++;
        const result = skaffoldConfigSchema.safeParse(data);
        const expected = KNOWN_INVALID[`${name}#${index}`];
        if (expected === undefined) {
          assert.ok(result.success, `${name}#${index}: ${JSON.stringify(result.error?.issues, null, 2)}`);
        } else {
          assert.equal(result.success, false);
          assert.deepEqual(
            result.error?.issues.map((i) => ({ code: i.code, path: i.path })),
            [{ code: "unrecognized_keys", path: expected.path }],
          );
          assert.deepEqual((result.error?.issues[0] as { keys?: string[] } | undefined)?.keys, [
            expected.key,
          ]);
        }
      }
    });
  }

  void it("covers every example config", () => {
    assert.ok(checked >= 53, `only ${checked} skaffold documents checked`);
  });
});
