import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildpacksEnv } from "./env.js";

const base = { env: [], mode: "build" as const, autoSync: true, projectEnv: {}, processEnv: { USER: "ann" } };

describe("buildpacksEnv", () => {
  it("templates the artifact env over the environment", () => {
    assert.deepEqual(buildpacksEnv({ ...base, env: ["GREETING=hi {{.USER}}", "EMPTY=", "EQ=a=b"] }), {
      GREETING: "hi ann",
      EMPTY: "",
      EQ: "a=b",
    });
  });

  it("adds GOOGLE_DEVMODE and BP_LIVE_RELOAD_ENABLED in dev mode with auto sync only", () => {
    assert.deepEqual(buildpacksEnv({ ...base, mode: "dev" }), {
      GOOGLE_DEVMODE: "1",
      BP_LIVE_RELOAD_ENABLED: "true",
    });
    assert.deepEqual(buildpacksEnv({ ...base, mode: "dev", autoSync: false }), {});
    assert.deepEqual(buildpacksEnv({ ...base, mode: "run" }), {});
  });

  it("lets project.toml override, and adds Go debug flags in debug mode unless set", () => {
    assert.deepEqual(
      buildpacksEnv({
        ...base,
        mode: "dev",
        env: ["A=1"],
        projectEnv: { A: "2", BP_LIVE_RELOAD_ENABLED: "false" },
      }),
      { A: "2", GOOGLE_DEVMODE: "1", BP_LIVE_RELOAD_ENABLED: "false" },
    );
    assert.deepEqual(buildpacksEnv({ ...base, mode: "debug" }), { GOOGLE_GOGCFLAGS: "all=-N -l" });
    assert.deepEqual(buildpacksEnv({ ...base, mode: "debug", env: ["GOOGLE_GOGCFLAGS=-N"] }), {
      GOOGLE_GOGCFLAGS: "-N",
    });
  });

  it("refuses entries that are not KEY=value", () => {
    assert.throws(() => buildpacksEnv({ ...base, env: ["NOVALUE"] }), { code: "BUILDPACKS_BAD_ENV" });
  });
});
