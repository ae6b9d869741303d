import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadKoYaml } from "./ko-config.js";

describe(".ko.yaml", () => {
  it("reads the file in the working directory, ignoring unknown keys", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trestle-koyaml-"));
    writeFileSync(
      join(dir, ".ko.yaml"),
      "defaultBaseImage: localhost:5000/base\nbaseImageOverrides:\n  ex/app: other\nbuilds:\n- id: app\n  main: ./cmd/app\n  ldflags: [-s]\nsbom: none\n",
    );
    const { config, file } = await loadKoYaml(dir, {});
    assert.equal(file, join(dir, ".ko.yaml"));
    assert.equal(config.defaultBaseImage, "localhost:5000/base");
    assert.equal(config.baseImageOverrides?.["ex/app"], "other");
    assert.deepEqual(config.builds?.[0]?.ldflags, ["-s"]);
  });

  it("follows KO_CONFIG_PATH (a file or a directory), and treats no file as empty", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trestle-koyaml-"));
    writeFileSync(join(dir, "custom.yaml"), "defaultPlatforms: [linux/arm64]\n");
    writeFileSync(join(dir, ".ko.yaml"), "defaultPlatforms: [all]\n");
    assert.deepEqual(
      (await loadKoYaml("/nonexistent", { KO_CONFIG_PATH: join(dir, "custom.yaml") })).config
        .defaultPlatforms,
      ["linux/arm64"],
    );
    assert.deepEqual((await loadKoYaml("/nonexistent", { KO_CONFIG_PATH: dir })).config.defaultPlatforms, [
      "all",
    ]);
    assert.deepEqual(await loadKoYaml(mkdtempSync(join(tmpdir(), "trestle-koyaml-")), {}), { config: {} });
  });

  it("reports bad YAML and bad shapes with the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trestle-koyaml-"));
    writeFileSync(join(dir, ".ko.yaml"), "builds: {not: [a list\n");
    await assert.rejects(loadKoYaml(dir, {}), /\.ko\.yaml is not valid YAML/);
    writeFileSync(join(dir, ".ko.yaml"), "builds: 3\n");
    await assert.rejects(loadKoYaml(dir, {}), /\.ko\.yaml: builds: /);
  });
});
