import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { isTrestleError } from "../../errors/errors.js";
import { bytesBlob, chunksBlob } from "../blob.js";
import { sha256Digest } from "../digest.js";
import { assembleImage } from "../image.js";
import type { Image } from "../image.js";
import * as mt from "../media-types.js";
import { parseReference } from "../reference.js";
import { readBlob } from "./blobs.js";
import { RegistryClient } from "./client.js";
import { staticCredentials } from "./credentials.js";
import type { FakeAuth, FakeRegistry } from "./fake-registry.js";
import { startFakeRegistry } from "./fake-registry.js";
import { createPuller } from "./pull.js";
import { pushImage } from "./push.js";
import { recordingTransport } from "./transport.js";
import { pushBlob } from "./upload.js";

const noWait = (): Promise<void> => Promise.resolve();

function client(registry: FakeRegistry, password = "pw"): RegistryClient {
  return new RegistryClient({
    credentials: staticCredentials({
      [registry.host]: { kind: "basic", username: "u", password, source: "test credentials" },
    }),
    sleep: noWait,
    env: {},
  });
}

function image(seed: number, layerSize = 1000): Image {
  const layer = bytesBlob(mt.OCI_LAYER_GZIP, Buffer.alloc(layerSize, seed));
  const config = {
    architecture: "amd64",
    os: "linux",
    rootfs: { type: "layers", diff_ids: [layer.descriptor.digest] },
  };
  return assembleImage({
    mediaType: mt.OCI_MANIFEST,
    configMediaType: mt.OCI_CONFIG,
    config,
    layers: [layer],
  });
}

async function withRegistry(auth: FakeAuth, test: (registry: FakeRegistry) => Promise<void>): Promise<void> {
  const registry = await startFakeRegistry(auth);
  try {
    await test(registry);
  } finally {
    await registry.close();
  }
}

describe("registry client against a fake registry", () => {
  let bearer: FakeRegistry;
  before(async () => {
    bearer = await startFakeRegistry({ kind: "bearer", username: "u", password: "pw" });
  });
  after(() => bearer.close());

  it("round-trips an image with Bearer tokens fetched once per scope set", async () => {
    const c = client(bearer);
    const ref = parseReference(`${bearer.host}/app:v1`);
    const pushed = await pushImage(c, ref, image(1));
    assert.deepEqual(pushed.blobs, { exists: 0, mounted: 0, uploaded: 2 });
    const pulled = await createPuller(c).pull(ref);
    assert.equal(pulled.kind, "image");
    assert.equal(pulled.digest, pushed.digest);
    assert.equal(bearer.log.filter((l) => l.startsWith("GET /token")).length, 2, bearer.log.join("\n"));
    assert.ok(bearer.log.some((l) => l.includes("scope=repository%3Aapp%3Apush%2Cpull")));
  });

  it("skips blobs the repository has and mounts blobs another repository has", async () => {
    const c = client(bearer);
    const img = image(2);
    await pushImage(c, parseReference(`${bearer.host}/source:v1`), img);
    bearer.log.length = 0;
    const again = await pushImage(c, parseReference(`${bearer.host}/source:v2`), img);
    assert.deepEqual(again.blobs, { exists: 2, mounted: 0, uploaded: 0 });
    assert.equal(
      bearer.log.filter((l) => l.startsWith("PUT") || l.startsWith("PATCH")).length,
      1,
      "only the tag is written",
    );
    const origin = { registry: bearer.host, repository: "source" };
    const layer = { ...img.layers[0]!, origin };
    assert.equal(await pushBlob(c.api(bearer.host), "target", layer), "mounted");
    assert.ok(
      bearer.log.some((l) => l.includes(`mount=${encodeURIComponent(layer.descriptor.digest)}&from=source`)),
    );
  });

  it("uploads large blobs in chunks and resumes after a failed chunk", async () => {
    const c = client(bearer);
    const data = Buffer.alloc(10_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7) % 251;
    const blob = chunksBlob({ mediaType: mt.OCI_LAYER_GZIP, size: data.length, digest: sha256Digest(data) }, [
      data.subarray(0, 3000),
      data.subarray(3000),
    ]);
    bearer.patchLimit = 1500;
    bearer.log.length = 0;
    const outcome = await pushBlob(c.api(bearer.host), "chunky", blob, {
      chunkThreshold: 1000,
      chunkSize: 4096,
    });
    assert.equal(outcome, "uploaded");
    assert.deepEqual(bearer.blobs.get(blob.descriptor.digest), data);
    const patches = bearer.log.filter((l) => l.startsWith("PATCH"));
    assert.ok(patches.length >= 4, bearer.log.join("\n"));
    assert.ok(
      bearer.log.some((l) => l.startsWith("GET /v2/chunky/blobs/uploads/")),
      "asked the registry where to resume",
    );
  });

  it("retries 5xx and 429 answers, then succeeds", async () => {
    const c = client(bearer);
    const ref = parseReference(`${bearer.host}/flaky:v1`);
    await pushImage(c, ref, image(3));
    bearer.failures.push(
      { method: "GET", path: /manifests/, status: 503, times: 1 },
      { method: "GET", path: /blobs/, status: 429, times: 1 },
    );
    const pulled = await createPuller(client(bearer)).pull(ref);
    assert.equal(pulled.kind, "image");
  });

  it("verifies blob digests while reading", async () => {
    const c = client(bearer);
    const img = image(4);
    await pushImage(c, parseReference(`${bearer.host}/tamper:v1`), img);
    const descriptor = img.layers[0]!.descriptor;
    bearer.blobs.set(descriptor.digest, Buffer.alloc(descriptor.size, 99));
    await assert.rejects(async () => {
      let received = 0;
      for await (const chunk of readBlob(c.api(bearer.host), "tamper", descriptor)) received += chunk.length;
      return received;
    }, /REGISTRY_DIGEST_MISMATCH|expected 1000 bytes/);
  });

  it("never writes the tag when a blob upload fails", async () => {
    const c = client(bearer);
    bearer.failures.push({ method: "PUT", path: /blobs\/uploads/, status: 500, times: 10 });
    const ref = parseReference(`${bearer.host}/half:v1`);
    await assert.rejects(pushImage(c, ref, image(5)), (error: unknown) => {
      assert.ok(isTrestleError(error));
      assert.match(
        error.message,
        /pushing .*half:v1 failed while uploading blobs: uploading blob sha256:\w{12} .* HTTP 500.*The tag was not changed/,
      );
      return true;
    });
    bearer.failures.length = 0;
    assert.equal(bearer.manifests.has("half:v1"), false);
  });

  it("says clearly when credentials are rejected or missing", async () => {
    await withRegistry({ kind: "basic", username: "u", password: "pw" }, async (basic) => {
      const wrong = client(basic, "nope");
      await assert.rejects(
        createPuller(wrong).pull(parseReference(`${basic.host}/app:v1`)),
        /rejected the credentials from test credentials/,
      );
      const anonymous = new RegistryClient({ credentials: staticCredentials({}), sleep: noWait, env: {} });
      await assert.rejects(
        createPuller(anonymous).pull(parseReference(`${basic.host}/app:v1`)),
        /requires authentication and no credentials were found/,
      );
    });
    const wrongBearer = client(bearer, "nope");
    await assert.rejects(
      createPuller(wrongBearer).pull(parseReference(`${bearer.host}/app:v1`)),
      /token service .* refused the credentials from test credentials \(HTTP 401\)/,
    );
  });

  it("retries a ping that failed transiently, trying each allowed scheme per round", async () => {
    await withRegistry({ kind: "none" }, async (registry) => {
      registry.failures.push({ method: "GET", path: /^\/v2\/$/, status: 503, times: 1 });
      const log: string[] = [];
      const c = new RegistryClient({
        sleep: noWait,
        env: {},
        credentials: staticCredentials({}),
        wrapTransport: (t) => recordingTransport(t, log),
      });
      await pushImage(c, parseReference(`${registry.host}/app:v1`), image(6));
      assert.deepEqual(
        log.slice(0, 3),
        ["GET /v2/", "GET /v2/", "GET /v2/"],
        "HTTP (503), HTTPS (not TLS), then HTTP again",
      );
    });
  });

  it("reports an unreachable registry", async () => {
    const registry = await startFakeRegistry();
    const host = registry.host;
    await registry.close();
    const c = new RegistryClient({ credentials: staticCredentials({}), sleep: noWait, env: {} });
    await assert.rejects(createPuller(c).pull(parseReference(`${host}/app:v1`)), (error: unknown) => {
      assert.ok(isTrestleError(error));
      assert.equal(error.code, "REGISTRY_UNREACHABLE");
      assert.match(error.message, /cannot reach registry 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
      return true;
    });
  });
});
