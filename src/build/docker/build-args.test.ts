import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateBuildArgs, imageEnvTags, type BuildArgInputs } from "./build-args.js";

const base: BuildArgInputs = {
  mode: "dev",
  tag: "localhost:5000/team/app:v1",
  dependencies: new Map(),
  declaredArgs: new Set(),
  env: { HOME: "/home/me", FROM_ENV: "env-value" },
};

describe("build args", () => {
  it("computes IMAGE_REPO, IMAGE_NAME and IMAGE_TAG as Skaffold does", () => {
    assert.deepEqual(imageEnvTags("localhost:5000/team/app:v1"), {
      IMAGE_REPO: "localhost:5000/team",
      IMAGE_NAME: "app",
      IMAGE_TAG: "v1",
    });
    assert.deepEqual(imageEnvTags("gcr.io/app"), {
      IMAGE_REPO: "gcr.io",
      IMAGE_NAME: "app",
      IMAGE_TAG: "latest",
    });
    assert.deepEqual(imageEnvTags("app:1"), { IMAGE_REPO: "", IMAGE_NAME: "", IMAGE_TAG: "1" });
  });

  it("adds SKAFFOLD_RUN_MODE, debug flags and required artifacts only when the Dockerfile declares them", () => {
    assert.deepEqual(evaluateBuildArgs(base), {});
    assert.deepEqual(
      evaluateBuildArgs({
        ...base,
        mode: "debug",
        dependencies: new Map([
          ["BASE", "localhost:5000/base:abc"],
          ["UNUSED", "x"],
        ]),
        declaredArgs: new Set(["SKAFFOLD_RUN_MODE", "SKAFFOLD_GO_GCFLAGS", "BASE"]),
      }),
      { BASE: "localhost:5000/base:abc", SKAFFOLD_GO_GCFLAGS: "all=-N -l", SKAFFOLD_RUN_MODE: "debug" },
    );
    assert.deepEqual(
      evaluateBuildArgs({ ...base, declaredArgs: new Set(["SKAFFOLD_GO_GCFLAGS", "SKAFFOLD_RUN_MODE"]) }),
      {
        SKAFFOLD_RUN_MODE: "dev",
      },
    );
  });

  it("templates the artifact's args, which win over automatic ones, and takes null values from the environment", () => {
    assert.deepEqual(
      evaluateBuildArgs({
        ...base,
        declaredArgs: new Set(["SKAFFOLD_RUN_MODE"]),
        buildArgs: {
          SKAFFOLD_RUN_MODE: "custom",
          WHERE: "{{.IMAGE_REPO}}/{{.IMAGE_NAME}}:{{.IMAGE_TAG}}",
          HOME_DIR: "{{.HOME}}",
          DEFAULTED: '{{default "fallback" .MISSING}}',
          FROM_ENV: null,
          NOT_IN_ENV: null,
        },
      }),
      {
        DEFAULTED: "fallback",
        FROM_ENV: "env-value",
        HOME_DIR: "/home/me",
        NOT_IN_ENV: null,
        SKAFFOLD_RUN_MODE: "custom",
        WHERE: "localhost:5000/team/app:v1",
      },
    );
  });

  it("names the build arg whose template fails", () => {
    assert.throws(() => evaluateBuildArgs({ ...base, buildArgs: { BAD: "{{ .X " } }), /build arg BAD/);
  });
});
