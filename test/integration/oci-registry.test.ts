// The daemonless OCI layer against the real local registries (plain HTTP, and TLS with basic auth) and
// the real Docker engine: round trips, skipped and mounted blobs, chunked uploads, auth and TLS errors,
// and pushes that fail without leaving a half-published tag.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { createDockerDaemon, engineImagesOf } from "../../src/docker/index.js";
import { isTrestleError } from "../../src/errors/errors.js";
import type { Image } from "../../src/oci/image.js";
import { createLayer, normalizeEntries } from "../../src/oci/layer.js";
import { layerMediaTypeFor } from "../../src/oci/media-types.js";
import { mutateImage } from "../../src/oci/mutate.js";
import { enginePublisher } from "../../src/oci/publish/engine-publisher.js";
import { tarballPublisher } from "../../src/oci/publish/tarball-publisher.js";
import { parseReference, withTag } from "../../src/oci/reference.js";
import { readBlob } from "../../src/oci/registry/blobs.js";
import type { RegistryClientOptions } from "../../src/oci/registry/client.js";
import { RegistryClient } from "../../src/oci/registry/client.js";
import { startFakeRegistry } from "../../src/oci/registry/fake-registry.js";
import { createPuller } from "../../src/oci/registry/pull.js";
import { pushImage } from "../../src/oci/registry/push.js";
import { retagInRegistry } from "../../src/oci/registry/retag.js";
import { recordingTransport } from "../../src/oci/registry/transport.js";
import { processExec } from "../../src/proc/exec.js";
import { docker, ensureEnv, registryGet, secureRegistryGet, toolEnv, uniqueRef } from "../support/index.js";

const env = ensureEnv({ cluster: false });
const noWait = (): Promise<void> => Promise.resolve();

/** A client that records every request it sends, with no Docker credentials of the machine. */
function recordingClient(options: RegistryClientOptions = {}): { client: RegistryClient; log: string[] } {
  const log: string[] = [];
  const client = new RegistryClient({
    env: { DOCKER_CONFIG: mkdtempSync(join(tmpdir(), "trestle-noconfig-")) },
    sleep: noWait,
    ...options,
    wrapTransport: (t) => recordingTransport(t, log),
  });
  return { client, log };
}

async function staticBase(client: RegistryClient): Promise<Image> {
  const pulled = await createPuller(client).pull(parseReference(env.images["static"]!));
  assert.equal(pulled.kind, "image");
  return pulled.image;
}

/** The static base plus one small layer of fresh random bytes, so each test pushes something new. */
async function freshImage(client: RegistryClient, size = 4096): Promise<Image> {
  const base = await staticBase(client);
  const layer = await createLayer(
    normalizeEntries(
      [{ type: "file", path: "data.bin", mode: 0o444, size, source: { bytes: randomBytes(size) } }],
      0,
    ),
    { mediaType: layerMediaTypeFor(base.mediaType) },
  );
  return mutateImage(base, { layers: [{ layer, history: { comment: "test data" } }] });
}

/** A reference in a repository of its own (uniqueRef varies only the tag). */
function freshRepository(name: string): string {
  return `${env.registry.address}/trestle-test/${name}-${randomBytes(4).toString("hex")}:v1`;
}

function dockerConfigDir(auths: Record<string, { auth: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), "trestle-docker-config-"));
  writeFileSync(join(dir, "config.json"), JSON.stringify({ auths }));
  return dir;
}

function basicAuth(username: string, password: string): { auth: string } {
  return { auth: Buffer.from(`${username}:${password}`).toString("base64") };
}

void test("push and pull round trip on the plain registry", async () => {
  const { client } = recordingClient();
  const image = await freshImage(client);
  const target = parseReference(uniqueRef(env, "oci-roundtrip"));
  const pushed = await pushImage(client, target, image);
  assert.equal(pushed.digest, image.digest);
  const served = await registryGet(env, `/v2/${target.repository}/manifests/${target.tag!}`);
  assert.equal(served.status, 200);
  assert.equal(served.headers["docker-content-digest"], image.digest);
  const pulled = await createPuller(recordingClient().client).pull(target);
  assert.equal(
    pulled.kind === "image" ? pulled.image.config.rootfs.diff_ids.length : 0,
    image.config.rootfs.diff_ids.length,
  );
  assert.equal(pulled.digest, image.digest);
});

void test("blobs the registry already has are not sent again; base layers are mounted across repositories", async () => {
  const { client, log } = recordingClient();
  const image = await freshImage(client);
  const target = parseReference(freshRepository("oci-skip"));
  const first = await pushImage(client, target, image);
  assert.equal(first.blobs.uploaded, 2, "the new layer and the new config");
  assert.equal(first.blobs.mounted, 1, "the base layer comes from trestle/static by mount");
  log.length = 0;
  const again = await pushImage(client, withTag(target, "v2"), image);
  assert.deepEqual(again.blobs, { exists: 3, mounted: 0, uploaded: 0 });
  const writes = log.filter((l) => !l.startsWith("HEAD"));
  assert.deepEqual(
    writes,
    [`PUT ${writes[0]?.split(" ")[1] ?? ""}`],
    `only the manifest is written:\n${log.join("\n")}`,
  );
  assert.match(writes[0] ?? "", /\/manifests\/v2$/);
});

void test(
  "a layer over 50 MB is uploaded in chunks and reads back intact",
  { timeout: 300_000 },
  async () => {
    const { client, log } = recordingClient();
    const dir = mkdtempSync(join(tmpdir(), "trestle-big-"));
    const file = join(dir, "big.bin");
    writeFileSync(file, randomBytes(52 * 1024 * 1024));
    const base = await staticBase(client);
    const layer = await createLayer(
      normalizeEntries(
        [{ type: "file", path: "big.bin", mode: 0o444, size: 52 * 1024 * 1024, source: { file } }],
        0,
      ),
      { mediaType: layerMediaTypeFor(base.mediaType) },
    );
    assert.ok(layer.blob.descriptor.size > 50 * 1024 * 1024);
    const image = mutateImage(base, { layers: [{ layer, history: {} }] });
    const target = parseReference(uniqueRef(env, "oci-chunked"));
    const result = await pushImage(client, target, image);
    assert.equal(result.blobs.uploaded, 2);
    const patches = log.filter((l) => l.startsWith("PATCH"));
    assert.equal(patches.length, Math.ceil(layer.blob.descriptor.size / (16 * 1024 * 1024)), log.join("\n"));
    let size = 0;
    for await (const chunk of readBlob(client.api(target.registry), target.repository, layer.blob.descriptor))
      size += chunk.length;
    assert.equal(size, layer.blob.descriptor.size);
  },
);

void test("TLS registry with basic auth: credentials from a Docker config, CA from SSL_CERT_FILE", async () => {
  const { secureRegistry: secure } = env;
  const { client } = recordingClient({
    env: {
      SSL_CERT_FILE: secure.caFile,
      DOCKER_CONFIG: dockerConfigDir({
        [`https://${secure.address}`]: basicAuth(secure.username, secure.password),
      }),
    },
  });
  const image = await freshImage(client);
  const target = parseReference(
    `${secure.address}/trestle-test/oci-secure:t-${randomBytes(4).toString("hex")}`,
  );
  const pushed = await pushImage(client, target, image);
  assert.equal(pushed.blobs.mounted, 0, "nothing to mount from another registry");
  const served = await secureRegistryGet(env, `/v2/${target.repository}/manifests/${target.tag!}`);
  assert.equal(served.status, 200);
  const pulled = await createPuller(client).pull(target);
  assert.equal(pulled.digest, image.digest);
});

void test("wrong credentials give a clear error naming where they came from", async () => {
  const { secureRegistry: secure } = env;
  const configDir = dockerConfigDir({ [secure.address]: basicAuth(secure.username, "wrong-password") });
  const { client } = recordingClient({ env: { SSL_CERT_FILE: secure.caFile, DOCKER_CONFIG: configDir } });
  await assert.rejects(
    createPuller(client).pull(parseReference(`${secure.address}/trestle-test/none:v1`)),
    (error: unknown) => {
      assert.ok(isTrestleError(error));
      assert.equal(error.code, "REGISTRY_AUTH_FAILED");
      assert.match(
        error.message,
        new RegExp(
          `registry ${secure.address} rejected the credentials from .*config\\.json auths\\["${secure.address}"\\]`,
        ),
      );
      assert.match(error.hint ?? "", /docker login/);
      return true;
    },
  );
});

void test("an untrusted certificate is refused with a hint, unless the registry is marked insecure", async () => {
  const { secureRegistry: secure } = env;
  const credentials = dockerConfigDir({ [secure.address]: basicAuth(secure.username, secure.password) });
  const strict = recordingClient({
    env: { DOCKER_CONFIG: credentials },
    certsDir: mkdtempSync(join(tmpdir(), "certs-")),
  });
  await assert.rejects(
    createPuller(strict.client).pull(
      parseReference(env.images["static"]!.replace(env.registry.address, secure.address)),
    ),
    (error: unknown) => {
      assert.ok(isTrestleError(error));
      assert.equal(error.code, "REGISTRY_TLS_UNTRUSTED");
      assert.match(error.hint ?? "", /SSL_CERT_FILE|--insecure-registry/);
      return true;
    },
  );
  const certsDir = mkdtempSync(join(tmpdir(), "certs-"));
  mkdirSync(join(certsDir, secure.address));
  writeFileSync(join(certsDir, secure.address, "ca.crt"), readFileSync(secure.caFile));
  const perHost = recordingClient({ env: { DOCKER_CONFIG: credentials }, certsDir });
  const insecure = recordingClient({
    env: { DOCKER_CONFIG: credentials },
    insecureRegistries: [secure.address],
  });
  for (const { client } of [perHost, insecure]) {
    const target = parseReference(
      `${secure.address}/trestle-test/oci-insecure:t-${randomBytes(4).toString("hex")}`,
    );
    const image = await freshImage(client);
    assert.equal((await pushImage(client, target, image)).digest, image.digest);
  }
});

void test("a registry that is down gives a clear error", async () => {
  // A port nothing listens on: where a registry was a moment ago.
  const gone = await startFakeRegistry();
  await gone.close();
  const port = gone.host.split(":")[1] ?? "";
  const { client } = recordingClient();
  const image = await freshImage(client);
  await assert.rejects(
    pushImage(client, parseReference(`127.0.0.1:${port}/app:v1`), image),
    (error: unknown) => {
      assert.ok(isTrestleError(error));
      assert.equal(error.code, "REGISTRY_UNREACHABLE");
      assert.match(
        error.message,
        new RegExp(
          `pushing 127.0.0.1:${port}/app:v1 failed while uploading blobs: .*cannot reach registry 127.0.0.1:${port}.*ECONNREFUSED.*The tag was not changed`,
        ),
      );
      return true;
    },
  );
});

void test("a push that fails half-way leaves no tag behind", async () => {
  const log: string[] = [];
  const client = new RegistryClient({
    env: { DOCKER_CONFIG: mkdtempSync(join(tmpdir(), "trestle-noconfig-")) },
    sleep: noWait,
    wrapTransport: (inner) => ({
      send(request) {
        log.push(`${request.method} ${request.url.pathname}`);
        // The registry "breaks" when the manifest is written, after every blob went in.
        if (request.method === "PUT" && request.url.pathname.includes("/manifests/")) {
          return Promise.reject(Object.assign(new Error("connection reset by peer"), { code: "ECONNRESET" }));
        }
        return inner.send(request);
      },
    }),
  });
  const image = await freshImage(client);
  const target = parseReference(uniqueRef(env, "oci-half"));
  await assert.rejects(
    pushImage(client, target, image),
    /failed while writing the manifest: .*The tag was not changed/,
  );
  assert.ok(
    log.filter((l) => l.startsWith("PUT") && l.includes("/manifests/")).length >= 2,
    "the manifest PUT was retried",
  );
  assert.equal((await registryGet(env, `/v2/${target.repository}/manifests/${target.tag!}`)).status, 404);
  assert.equal(
    (await registryGet(env, `/v2/${target.repository}/blobs/${image.layers[1]!.descriptor.digest}`)).status,
    200,
  );
});

void test("images load into the Docker engine directly and through a docker-load tarball", async () => {
  const { client } = recordingClient();
  const image = await freshImage(client);
  const direct = parseReference(uniqueRef(env, "oci-load"));
  const engine = engineImagesOf(createDockerDaemon({ exec: processExec, env: toolEnv(env) }));
  const loaded = await enginePublisher({ engine }).publish(image, direct);
  assert.equal(loaded.imageId, image.configBlob.descriptor.digest);
  const inspected = (await docker(env, ["image", "inspect", "--format", "{{.Id}}", loaded.reference])).trim();
  assert.equal(inspected, image.configBlob.descriptor.digest);
  const file = join(mkdtempSync(join(tmpdir(), "trestle-tarball-")), "image.tar");
  const viaFile = parseReference(uniqueRef(env, "oci-tarball"));
  const written = await tarballPublisher(file).publish(image, viaFile);
  await docker(env, ["rmi", "-f", loaded.reference]);
  assert.match(await docker(env, ["load", "-i", file]), /Loaded image/);
  assert.equal(
    (await docker(env, ["image", "inspect", "--format", "{{.Id}}", written.reference])).trim(),
    image.configBlob.descriptor.digest,
  );
  await docker(env, ["rmi", "-f", written.reference]).catch(() => "");
});

void test("retagging a pushed image writes only the manifest under the new tag", async () => {
  const { client: pusher } = recordingClient();
  const source = parseReference(freshRepository("oci-retag"));
  const pushed = await pushImage(pusher, source, await freshImage(pusher));
  const { client, log } = recordingClient();
  const target = withTag(source, "second");
  const first = await retagInRegistry(client, { ...source, digest: pushed.digest }, target);
  assert.deepEqual(first, { digest: pushed.digest, written: true });
  const sent = log.filter((l) => !l.endsWith(" /v2/"));
  assert.ok(
    sent.every((l) => l.includes("/manifests/")),
    sent.join("\n"),
  );
  assert.equal(sent.filter((l) => l.startsWith("PUT ")).length, 1, sent.join("\n"));
  const res = await registryGet(env, `/v2/${target.repository}/manifests/second`);
  assert.equal(res.status, 200);
  assert.equal(res.headers["docker-content-digest"], pushed.digest);
  // Again: the tag already points there, so nothing is written.
  assert.deepEqual(await retagInRegistry(client, { ...source, digest: pushed.digest }, target), {
    digest: pushed.digest,
    written: false,
  });
  await assert.rejects(
    retagInRegistry(client, { ...source, digest: pushed.digest }, parseReference(freshRepository("other"))),
    /another repository needs its blobs pushed/,
  );
});
