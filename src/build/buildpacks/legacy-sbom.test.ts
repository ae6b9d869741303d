import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tarStream } from "../../util/tar.js";
import { readAll } from "../../oci/blob.js";
import { sbomLayerDiffId, tarFileContent } from "./legacy-sbom.js";

const file = (path: string, text: string) => {
  const bytes = new TextEncoder().encode(text);
  return { type: "file" as const, path, mode: 0o644, size: bytes.length, source: { bytes } };
};

describe("legacy SBOM", () => {
  it("finds the SBOM layer's diffID in the lifecycle metadata label", () => {
    const label = JSON.stringify({ sbom: { sha: "sha256:3bb7" }, app: [] });
    assert.equal(sbomLayerDiffId({ "io.buildpacks.lifecycle.metadata": label }), "sha256:3bb7");
    assert.equal(sbomLayerDiffId({ "io.buildpacks.lifecycle.metadata": "{}" }), undefined);
    assert.equal(sbomLayerDiffId({ "io.buildpacks.lifecycle.metadata": "{" }), undefined);
    assert.equal(sbomLayerDiffId({}), undefined);
  });

  it("reads one regular file out of a tar, by path with or without a leading slash", async () => {
    const long = `layers/${"d".repeat(120)}/sbom.legacy.json`;
    const tar = await readAll(
      tarStream([
        { type: "dir", path: "layers", mode: 0o755 },
        file("layers/sbom/launch/other.json", "no"),
        file("layers/sbom/launch/sbom.legacy.json", '[{"name":"devmode"}]'),
        file(long, "long"),
      ]),
    );
    const text = (path: string) => {
      const bytes = tarFileContent(tar, path);
      return bytes === undefined ? undefined : Buffer.from(bytes).toString("utf8");
    };
    assert.equal(text("/layers/sbom/launch/sbom.legacy.json"), '[{"name":"devmode"}]');
    assert.equal(text("layers/sbom/launch/other.json"), "no");
    assert.equal(text(long), "long");
    assert.equal(text("layers"), undefined, "a directory is not a file");
    assert.equal(text("/missing"), undefined);
  });
});
