import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  formatPlatform,
  parsePlatform,
  parsePlatformSelection,
  platformMatches,
  platformSelected,
} from "./platform.js";

describe("platforms", () => {
  it("parses and prints os/arch/variant", () => {
    assert.deepEqual(parsePlatform("linux/arm/v7"), { os: "linux", architecture: "arm", variant: "v7" });
    assert.deepEqual(parsePlatform("windows/amd64:10.0.17763.1234"), {
      os: "windows",
      architecture: "amd64",
      "os.version": "10.0.17763.1234",
    });
    assert.equal(formatPlatform(parsePlatform("linux/arm64/v8")), "linux/arm64/v8");
    assert.throws(() => parsePlatform("linux//amd64"), /invalid platform/);
    assert.throws(() => parsePlatform("a/b/c/d"), /invalid platform/);
  });

  it("matches only the fields that are asked for", () => {
    const arm = { os: "linux", architecture: "arm", variant: "v7" };
    assert.equal(platformMatches(parsePlatform("linux/arm"), arm), true);
    assert.equal(platformMatches(parsePlatform("linux/arm/v6"), arm), false);
    assert.equal(platformMatches(parsePlatform("linux"), arm), true);
    assert.equal(platformMatches(parsePlatform("linux/amd64"), arm), false);
    assert.equal(platformMatches(parsePlatform("linux/amd64"), undefined), false);
  });

  it("treats `all` as every real platform, never attestation entries", () => {
    const selection = parsePlatformSelection(["linux/amd64", "all"]);
    assert.equal(selection, "all");
    assert.equal(platformSelected("all", { os: "linux", architecture: "s390x" }), true);
    assert.equal(platformSelected("all", { os: "unknown", architecture: "unknown" }), false);
    assert.equal(
      platformSelected(parsePlatformSelection(["linux/amd64"]), { os: "unknown", architecture: "unknown" }),
      false,
    );
  });
});
