// The two local registries: plain HTTP without auth, and TLS (self-signed) with basic auth.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ensureEnv, registryGet, secureRegistryGet } from "../support/index.js";

const env = ensureEnv({ cluster: false });

void test("the plain registry answers the distribution API on loopback without auth", async () => {
  assert.match(env.registry.address, /^localhost:\d+$/);
  const res = await registryGet(env, "/v2/");
  assert.equal(res.status, 200);
  assert.equal(res.headers["docker-distribution-api-version"], "registry/2.0");
});

void test("the TLS registry refuses anonymous requests with a Basic challenge", async () => {
  const res = await secureRegistryGet(env, "/v2/", true);
  assert.equal(res.status, 401);
  assert.match(String(res.headers["www-authenticate"]), /^Basic realm=/);
});

void test("the TLS registry accepts its credentials over a verified TLS connection", async () => {
  const res = await secureRegistryGet(env, "/v2/");
  assert.equal(res.status, 200);
});
