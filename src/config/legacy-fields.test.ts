import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normaliseLegacyFields } from "./legacy-fields.js";

describe("normaliseLegacyFields", () => {
  it("moves deploy.kustomize to manifests.kustomize, in profiles too, with a warning", () => {
    const input = {
      apiVersion: "skaffold/v4beta14",
      deploy: { kustomize: { buildArgs: ["--load-restrictor LoadRestrictionsNone"] }, statusCheck: true },
      profiles: [{ name: "p", deploy: { kustomize: { paths: ["overlays/p"] } } }],
    };
    const { config, warnings } = normaliseLegacyFields(input);
    assert.deepEqual(config, {
      apiVersion: "skaffold/v4beta14",
      deploy: { statusCheck: true },
      manifests: { kustomize: { buildArgs: ["--load-restrictor LoadRestrictionsNone"] } },
      profiles: [{ name: "p", deploy: {}, manifests: { kustomize: { paths: ["overlays/p"] } } }],
    });
    assert.equal(warnings.length, 2);
    assert.match(warnings[1] ?? "", /^profile "p": deploy\.kustomize moved/);
    assert.ok("kustomize" in input.deploy, "the input is not mutated");
  });
  it("leaves configs without legacy fields alone", () => {
    const input = { deploy: { kubectl: {} }, manifests: { kustomize: { paths: ["."] } } };
    assert.deepEqual(normaliseLegacyFields(input), { config: input, warnings: [] });
  });
});
