import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  autoSyncRules,
  BUILD_METADATA_LABEL,
  buildpacksAutoSync,
  buildpacksAutoSyncReading,
  INFERRED_RULES,
} from "./sync-rules.js";

function labels(metadata: unknown): Record<string, string> {
  return { [BUILD_METADATA_LABEL]: JSON.stringify(metadata) };
}

describe("autoSyncRules", () => {
  it("uses devmode.sync from the label's bom (Platform API < 0.9)", () => {
    const result = autoSyncRules({
      labels: labels({
        bom: [
          { name: "x", metadata: { "devmode.sync": [{ src: "**/*.go", dest: "/workspace" }] } },
          { name: "y", metadata: { licenses: [] } },
        ],
        buildpacks: [{ id: "google.go.build", version: "0.9.0" }],
      }),
    });
    assert.deepEqual(result, {
      rules: [{ src: "**/*.go", dest: "/workspace" }],
      source: "devmode.sync",
      buildpacks: ["google.go.build@0.9.0"],
    });
  });

  it("uses devmode.sync from the legacy SBOM when the label's bom is empty (Platform API >= 0.9)", () => {
    const legacyBom = JSON.stringify([
      { name: "devmode", metadata: { "devmode.sync": [{ src: "**/*.py", dest: "/workspace" }] } },
    ]);
    const result = autoSyncRules({
      labels: labels({ buildpacks: [{ id: "google.python.runtime", version: "0.1.0" }] }),
      legacyBom,
    });
    assert.equal(result.source, "devmode.sync");
    assert.deepEqual(result.rules, [{ src: "**/*.py", dest: "/workspace" }]);
  });

  it("infers rules from the participating buildpacks when no buildpack declares any", () => {
    const paketo = autoSyncRules({
      labels: labels({
        buildpacks: [
          { id: "paketo-buildpacks/node-engine", version: "1" },
          { id: "paketo-buildpacks/npm-install", version: "1" },
          { id: "paketo-buildpacks/npm-start", version: "1" },
        ],
      }),
      appDir: "/app",
    });
    assert.equal(paketo.source, "inferred");
    assert.deepEqual(
      paketo.rules,
      (INFERRED_RULES["paketo-buildpacks/npm-start"] ?? []).map((src) => ({ src, dest: "/app" })),
    );
    assert.ok(!paketo.rules.some((r) => r.src.includes("json")), "package.json changes need npm install");
    const google = autoSyncRules({ labels: labels({ bom: [], buildpacks: [{ id: "google.nodejs.npm" }] }) });
    assert.equal(google.source, "inferred");
    assert.ok(google.rules.some((r) => r.src === "**/*.json" && r.dest === "/workspace"));
  });

  it("has no rules for unknown buildpacks or images without build metadata, and rejects bad JSON", () => {
    assert.deepEqual(
      autoSyncRules({ labels: labels({ buildpacks: [{ id: "paketo-buildpacks/go-build" }] }) }),
      {
        rules: [],
        source: "none",
        buildpacks: ["paketo-buildpacks/go-build"],
      },
    );
    assert.deepEqual(autoSyncRules({ labels: {} }), { rules: [], source: "none", buildpacks: [] });
    assert.throws(() => autoSyncRules({ labels: { [BUILD_METADATA_LABEL]: "{" } }), {
      code: "BUILDPACKS_BAD_METADATA",
    });
  });
});

describe("inference covers only buildpacks that restart the app in place", () => {
  it("infers nothing for Go, Python or Paketo's Go (they rebuild unless they declare devmode.sync)", () => {
    for (const id of ["google.go.build", "google.python.runtime", "paketo-buildpacks/go-build"]) {
      const result = autoSyncRules({ labels: labels({ buildpacks: [{ id, version: "0.1.0" }] }) });
      assert.deepEqual(result.rules, [], id);
      assert.equal(result.source, "none", id);
    }
  });
});

describe("buildpacksAutoSync (the dev loop's provider)", () => {
  const metadata = labels({ buildpacks: [{ id: "paketo-buildpacks/node-start", version: "0.1.0" }] });
  it("gives the rules for buildpacks artifacts, undefined when there are none", () => {
    const rules = buildpacksAutoSync({
      artifact: { image: "a", buildpacks: {} },
      workspace: "/w",
      labels: metadata,
    });
    assert.ok(rules?.some((r) => r.src === "**/*.js" && r.dest === "/workspace"));
    assert.equal(
      buildpacksAutoSync({ artifact: { image: "a", buildpacks: {} }, workspace: "/w", labels: {} }),
      undefined,
    );
    assert.equal(
      buildpacksAutoSync({ artifact: { image: "a" }, workspace: "/w", labels: metadata }),
      undefined,
    );
  });
});

describe("buildpacksAutoSyncReading (devmode.sync from the legacy SBOM)", () => {
  const python = {
    ...labels({ buildpacks: [{ id: "google.python.runtime", version: "0.1.0" }], bom: [] }),
    "io.buildpacks.lifecycle.metadata": JSON.stringify({ sbom: { sha: "sha256:abc" } }),
  };
  const sbom = JSON.stringify([
    { name: "devmode", metadata: { "devmode.sync": [{ src: "**/*.py", dest: "/workspace" }] } },
  ]);
  const input = {
    artifact: { image: "a", buildpacks: {} },
    workspace: "/w",
    labels: python,
    reference: "r:1",
  };

  it("uses the rules the buildpacks wrote into the legacy SBOM when the label has none", async () => {
    const asked: string[] = [];
    const provider = buildpacksAutoSyncReading((reference) => {
      asked.push(reference);
      return Promise.resolve(sbom);
    });
    assert.deepEqual(await provider(input), [{ src: "**/*.py", dest: "/workspace" }]);
    assert.deepEqual(asked, ["r:1"]);
  });

  it("falls back to the label (inference) when the SBOM is missing or malformed", async () => {
    const node = { ...input, labels: labels({ buildpacks: [{ id: "google.nodejs.npm", version: "1" }] }) };
    for (const content of [undefined, "{not json"]) {
      const provider = buildpacksAutoSyncReading(() => Promise.resolve(content));
      assert.equal(await provider(input), undefined, "python: no SBOM rules, nothing inferred");
      assert.ok(((await provider(node)) ?? []).some((r) => r.src === "**/*.js"));
    }
  });

  it("does not read the image when the label already declares devmode.sync", async () => {
    const declared = labels({
      buildpacks: [],
      bom: [{ metadata: { "devmode.sync": [{ src: "*.txt", dest: "/app" }] } }],
    });
    const provider = buildpacksAutoSyncReading(() => Promise.reject(new Error("must not read")));
    assert.deepEqual(await provider({ ...input, labels: declared }), [{ src: "*.txt", dest: "/app" }]);
  });
});
