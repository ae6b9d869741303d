import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { parse } from "yaml";
import type { YamlMap } from "./types.js";
import { LATEST_API_VERSION, upgradeConfig } from "./index.js";

// Golden files shared with the CLI: test/fixtures/upgrade/<name>.input.yaml upgrades to <name>.expected.yaml.
const dir = new URL("../../../test/fixtures/upgrade/", import.meta.url);
const names = readdirSync(dir)
  .filter((file) => file.endsWith(".input.yaml"))
  .map((file) => file.slice(0, -".input.yaml".length))
  .sort();

describe("golden upgrade fixtures", () => {
  it("cover every version family", () => {
    const families = names.map((name) => /^v\d+(alpha|beta)?/.exec(name)?.[0]);
    for (const family of ["v1alpha", "v1beta", "v1", "v2alpha", "v2beta", "v3", "v4beta"]) {
      assert.ok(families.includes(family), `a fixture for ${family}`);
    }
  });

  for (const name of names) {
    it(name, () => {
      const input = parse(readFileSync(new URL(`${name}.input.yaml`, dir), "utf8")) as YamlMap;
      const expected = parse(readFileSync(new URL(`${name}.expected.yaml`, dir), "utf8")) as YamlMap;
      assert.equal(expected.apiVersion, LATEST_API_VERSION);
      assert.deepEqual(upgradeConfig(input), expected);
    });
  }
});
