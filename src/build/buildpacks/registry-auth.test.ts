import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { staticCredentials } from "../../oci/registry/credentials.js";
import { authHeaderValue, registryAuthEnv } from "./registry-auth.js";

describe("CNB_REGISTRY_AUTH", () => {
  it("writes each credential kind as the lifecycle's env keychain reads it", () => {
    assert.equal(
      authHeaderValue({ kind: "basic", username: "u", password: "p:w", source: "t" }),
      `Basic ${Buffer.from("u:p:w").toString("base64")}`,
    );
    assert.equal(authHeaderValue({ kind: "registry-token", token: "tok", source: "t" }), "Bearer tok");
    assert.equal(authHeaderValue({ kind: "identity-token", token: "id", source: "t" }), "X-Identity id");
  });

  it("maps the registries of the images that have credentials, Docker Hub as index.docker.io", async () => {
    const store = staticCredentials({
      "localhost:5443": { kind: "basic", username: "trestle", password: "pw", source: "t" },
      "docker.io": { kind: "registry-token", token: "hub", source: "t" },
    });
    const env = await registryAuthEnv(store, [
      "localhost:5443/app:v1",
      "localhost:5000/trestle/cnb-run:latest",
      "paketobuildpacks/run-jammy-base",
      "localhost:5443/other@sha256:" + "a".repeat(64),
    ]);
    assert.deepEqual(JSON.parse(env ?? "{}"), {
      "index.docker.io": "Bearer hub",
      "localhost:5443": `Basic ${Buffer.from("trestle:pw").toString("base64")}`,
    });
  });

  it("is undefined when no registry has a credential", async () => {
    assert.equal(await registryAuthEnv(staticCredentials({}), ["localhost:5000/app:v1"]), undefined);
  });
});
