import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatPlatform, hostPlatform } from "../oci/platform.js";
import { resolveArtifactPlatforms } from "./platforms.js";

const base = { cli: [], build: undefined, artifact: undefined, image: "app" } as const;
const host = formatPlatform(hostPlatform());

describe("resolveArtifactPlatforms (Skaffold's resolver)", () => {
  it("builds for the host (empty) when nothing asks for platforms", () => {
    assert.deepEqual(resolveArtifactPlatforms(base), []);
  });

  it("lets --platform win over build.platforms, splitting comma lists", () => {
    assert.deepEqual(
      resolveArtifactPlatforms({ ...base, cli: ["linux/arm64,linux/amd64"], build: ["linux/s390x"] }),
      ["linux/arm64", "linux/amd64"],
    );
    assert.deepEqual(resolveArtifactPlatforms({ ...base, build: ["linux/s390x"] }), ["linux/s390x"]);
  });

  it("uses the artifact's platforms alone, or intersects them with what was asked", () => {
    assert.deepEqual(resolveArtifactPlatforms({ ...base, artifact: ["linux/arm64"] }), ["linux/arm64"]);
    assert.deepEqual(
      resolveArtifactPlatforms({
        ...base,
        cli: ["linux/amd64", "linux/arm64"],
        artifact: ["linux/arm64", "linux/arm/v7"],
      }),
      ["linux/arm64"],
    );
  });

  it("treats `all` as anything when intersecting, and keeps it when alone", () => {
    assert.deepEqual(resolveArtifactPlatforms({ ...base, artifact: ["all"] }), ["all"]);
    assert.deepEqual(resolveArtifactPlatforms({ ...base, cli: ["linux/arm64"], artifact: ["all"] }), [
      "linux/arm64",
    ]);
    assert.deepEqual(resolveArtifactPlatforms({ ...base, build: ["ALL"], artifact: ["linux/amd64"] }), [
      "linux/amd64",
    ]);
  });

  it("fails when the artifact's constraints exclude every requested platform", () => {
    assert.throws(
      () => resolveArtifactPlatforms({ ...base, cli: ["linux/amd64"], artifact: ["linux/arm64"] }),
      /build target platforms "linux\/amd64" do not match platform constraints "linux\/arm64" defined for artifact "app"/,
    );
    assert.throws(() => resolveArtifactPlatforms({ ...base, cli: ["linux//x"] }), /invalid platform/);
  });

  it("keeps one platform with --disable-multi-platform-build: the host's if selected, else the first", () => {
    assert.deepEqual(
      resolveArtifactPlatforms({ ...base, cli: ["linux/s390x", host], singlePlatform: true }),
      [host],
    );
    assert.deepEqual(
      resolveArtifactPlatforms({ ...base, cli: ["linux/s390x", "linux/ppc64le"], singlePlatform: true }),
      ["linux/s390x"],
    );
    assert.deepEqual(resolveArtifactPlatforms({ ...base, artifact: ["all"], singlePlatform: true }), [host]);
  });
});
