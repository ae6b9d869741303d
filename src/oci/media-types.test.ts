import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as mt from "./media-types.js";

describe("media types", () => {
  it("pairs layers, configs and indexes with the manifest family", () => {
    assert.equal(mt.layerMediaTypeFor(mt.DOCKER_MANIFEST), mt.DOCKER_LAYER_GZIP);
    assert.equal(mt.layerMediaTypeFor(mt.OCI_MANIFEST), mt.OCI_LAYER_GZIP);
    assert.equal(mt.configMediaTypeFor(mt.DOCKER_MANIFEST), mt.DOCKER_CONFIG);
    assert.equal(mt.configMediaTypeFor(mt.OCI_MANIFEST), mt.OCI_CONFIG);
    assert.equal(mt.indexMediaTypeFor(mt.DOCKER_MANIFEST), mt.DOCKER_MANIFEST_LIST);
    assert.equal(mt.indexMediaTypeFor(mt.OCI_MANIFEST), mt.OCI_INDEX);
  });

  it("classifies manifests and layers", () => {
    assert.equal(mt.isIndexMediaType(mt.OCI_INDEX), true);
    assert.equal(mt.isIndexMediaType(mt.DOCKER_MANIFEST_LIST), true);
    assert.equal(mt.isIndexMediaType(mt.OCI_MANIFEST), false);
    assert.equal(mt.isImageMediaType(mt.DOCKER_MANIFEST), true);
    assert.equal(mt.isGzipLayer(mt.DOCKER_LAYER_GZIP), true);
    assert.equal(mt.isGzipLayer(mt.OCI_LAYER), false);
    assert.equal(mt.isForeignLayer(mt.DOCKER_FOREIGN_LAYER_GZIP), true);
    assert.equal(mt.isForeignLayer(mt.OCI_LAYER_GZIP), false);
    assert.match(mt.MANIFEST_ACCEPT, /manifest\.list\.v2\+json/);
  });
});
