import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bytesBlob } from "../../oci/blob.js";
import { assembleImage } from "../../oci/image.js";
import * as mt from "../../oci/media-types.js";
import { appName, koImage, withAppPath } from "./ko-image.js";
import { chooseBaseImage, DEFAULT_KO_BASE_IMAGE } from "./builder.js";
import { configPlatform, platformBases, platformSelection } from "./platforms.js";

const baseLayer = bytesBlob(mt.DOCKER_LAYER_GZIP, new Uint8Array([1]));
const base = assembleImage({
  mediaType: mt.DOCKER_MANIFEST,
  configMediaType: mt.DOCKER_CONFIG,
  config: {
    architecture: "amd64",
    os: "linux",
    created: "2020-01-01T00:00:00Z",
    rootfs: { type: "layers", diff_ids: ["sha256:base"] },
    history: [{ created_by: "base" }],
    config: { Env: ["PATH=/usr/bin", "A=1"], Cmd: ["/bin/sh"], Labels: { from: "base" }, User: "65532" },
  },
  layers: [baseLayer],
});
const layer = (n: number) => ({
  blob: bytesBlob(mt.DOCKER_LAYER_GZIP, new Uint8Array([n])),
  diffId: `sha256:diff${n}`,
});

describe("ko image", () => {
  it("names the binary after the import path", () => {
    assert.equal(appName("example.com/hello-go"), "hello-go");
    assert.equal(appName("example.com/cmd/app/"), "app");
    assert.equal(appName("."), "ko-app");
  });

  it("appends /ko-app to PATH or sets it", () => {
    assert.deepEqual(withAppPath(["A=1", "PATH=/bin"]), ["A=1", "PATH=/bin:/ko-app"]);
    assert.deepEqual(withAppPath(["A=1"]), ["A=1", "PATH=/ko-app"]);
  });

  it("appends kodata then the binary, sets the entrypoint, env, labels, author, times and base annotations", () => {
    const image = koImage({
      base,
      baseName: "localhost:5000/base:latest",
      baseDigest: base.digest,
      importPath: "example.com/app",
      appName: "app",
      kodata: layer(2),
      binary: layer(3),
      labels: { team: "x" },
      created: 1_700_000_000,
      binaryTime: 1_700_000_000,
      kodataTime: 0,
    });
    const c = image.config;
    assert.equal(image.mediaType, mt.DOCKER_MANIFEST);
    assert.deepEqual(c.rootfs.diff_ids, ["sha256:base", "sha256:diff2", "sha256:diff3"]);
    assert.deepEqual(c.config?.Entrypoint, ["/ko-app/app"]);
    assert.equal(c.config?.Cmd, null);
    assert.deepEqual(c.config?.Env, ["PATH=/usr/bin:/ko-app", "A=1", "KO_DATA_PATH=/var/run/ko"]);
    assert.deepEqual(c.config?.Labels, { from: "base", team: "x" });
    assert.equal(c.config?.User, "65532");
    assert.equal(c.author, "github.com/ko-build/ko");
    assert.equal(c.created, "2023-11-14T22:13:20Z");
    assert.deepEqual(
      c.history?.map((h) => [h.created, h.comment]),
      [
        [undefined, undefined],
        ["1970-01-01T00:00:00Z", "kodata contents, at $KO_DATA_PATH"],
        ["2023-11-14T22:13:20Z", "go build output, at /ko-app/app"],
      ],
    );
    assert.deepEqual(image.manifest.annotations, {
      "org.opencontainers.image.base.digest": base.digest,
      "org.opencontainers.image.base.name": "localhost:5000/base:latest",
    });
    const kept = koImage({
      base,
      baseName: "b",
      baseDigest: "d",
      importPath: "x",
      appName: "x",
      kodata: layer(2),
      binary: layer(3),
      labels: {},
      created: undefined,
      binaryTime: 0,
      kodataTime: 0,
    });
    assert.equal(kept.config.created, "2020-01-01T00:00:00Z");
  });

  it("chooses the base: fromImage (or a required artifact), .ko.yaml override, default, Skaffold's default", () => {
    const deps = new Map([["base-alias", "localhost:5000/built@sha256:x"]]);
    const koYaml = { defaultBaseImage: "def", baseImageOverrides: { "ex/app": "override" } };
    assert.equal(chooseBaseImage("from", koYaml, "ex/app", deps), "from");
    assert.equal(chooseBaseImage("base-alias", koYaml, "ex/app", deps), "localhost:5000/built@sha256:x");
    assert.equal(chooseBaseImage(undefined, koYaml, "ex/app", deps), "override");
    assert.equal(chooseBaseImage("", koYaml, "ex/other", deps), "def");
    assert.equal(chooseBaseImage(undefined, {}, "ex/other", deps), DEFAULT_KO_BASE_IMAGE);
  });

  it("selects platforms: requested, .ko.yaml defaults, else the host; a single-image base must match", () => {
    assert.equal(platformSelection(["all"], undefined), "all");
    assert.deepEqual(platformSelection([], ["linux/arm64"]), [{ os: "linux", architecture: "arm64" }]);
    assert.equal(platformSelection([], undefined).length, 1);
    assert.deepEqual(configPlatform(base), { os: "linux", architecture: "amd64" });
    const pulled = { kind: "image" as const, digest: base.digest, image: base };
    assert.equal(platformBases(pulled, "all", "b").length, 1);
    assert.equal(
      platformBases(pulled, platformSelection(["linux/amd64"], undefined), "b")[0]?.digest,
      base.digest,
    );
    assert.throws(
      () => platformBases(pulled, platformSelection(["linux/arm64"], undefined), "b"),
      /single-platform image for linux\/amd64, but the build asks for linux\/arm64/,
    );
  });
});
