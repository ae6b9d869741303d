import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { overlayProfile } from "./profile-overlay.js";

describe("overlayProfile (Skaffold's merge semantics)", () => {
  it("replaces non-empty lists instead of merging them", () => {
    const config = { build: { artifacts: [{ image: "a" }, { image: "b" }] } };
    const merged = overlayProfile(config, { name: "p", build: { artifacts: [{ image: "c" }] } });
    assert.deepEqual(merged["build"], { artifacts: [{ image: "c" }] });
  });

  it("keeps the config's list when the profile's is empty or absent", () => {
    const config = { build: { artifacts: [{ image: "a" }] }, portForward: [{ port: 1 }] };
    const merged = overlayProfile(config, { name: "p", build: { artifacts: [] } });
    assert.deepEqual(merged, config);
  });

  it("replaces the build environment wholesale (oneOf)", () => {
    const config = { build: { local: { push: false }, artifacts: [{ image: "a" }] } };
    const merged = overlayProfile(config, { name: "p", build: { googleCloudBuild: { projectId: "x" } } });
    assert.deepEqual(merged["build"], { artifacts: [{ image: "a" }], googleCloudBuild: { projectId: "x" } });
  });

  it("replaces the tag policy wholesale (oneOf)", () => {
    const config = { build: { tagPolicy: { gitCommit: { variant: "Tags" } } } };
    const merged = overlayProfile(config, { name: "p", build: { tagPolicy: { sha256: {} } } });
    assert.deepEqual(merged["build"], { tagPolicy: { sha256: {} } });
  });

  it("replaces pointer structs such as deploy.kubectl wholesale but merges struct fields", () => {
    const config = {
      deploy: {
        kubectl: { flags: { apply: ["--force"] } },
        statusCheckDeadlineSeconds: 60,
        logs: { prefix: "auto" },
      },
    };
    const merged = overlayProfile(config, {
      name: "p",
      deploy: { kubectl: { defaultNamespace: "x" }, logs: { jsonParse: { fields: ["msg"] } } },
    });
    assert.deepEqual(merged["deploy"], {
      kubectl: { defaultNamespace: "x" },
      statusCheckDeadlineSeconds: 60,
      logs: { prefix: "auto", jsonParse: { fields: ["msg"] } },
    });
  });

  it("overrides plain scalars only with non-zero values, pointer scalars always", () => {
    const config = { deploy: { tolerateFailuresUntilDeadline: true, statusCheck: true, kubeContext: "a" } };
    const merged = overlayProfile(config, {
      name: "p",
      deploy: { tolerateFailuresUntilDeadline: false, statusCheck: false, kubeContext: "" },
    });
    assert.deepEqual(merged["deploy"], {
      tolerateFailuresUntilDeadline: true,
      statusCheck: false,
      kubeContext: "a",
    });
  });

  it("adds sections the config did not have, and never mutates its input", () => {
    const config = { build: { artifacts: [{ image: "a" }] } };
    const frozen = JSON.stringify(config);
    const merged = overlayProfile(config, {
      name: "p",
      manifests: { rawYaml: ["k8s/*.yaml"] },
      test: [{ image: "a" }],
    });
    assert.deepEqual(merged["manifests"], { rawYaml: ["k8s/*.yaml"] });
    assert.deepEqual(merged["test"], [{ image: "a" }]);
    assert.equal(JSON.stringify(config), frozen);
  });
});
