import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { staticCredentials } from "../oci/registry/credentials.js";
import { authForImage, authsForImages, registryAuthHeader, registryConfigHeader } from "./auth.js";
import { nameAndTag } from "./image-ref.js";

function decode(header: string): unknown {
  return JSON.parse(Buffer.from(header.replaceAll("-", "+").replaceAll("_", "/"), "base64").toString("utf8"));
}

describe("registry auth for the engine", () => {
  const credentials = staticCredentials({
    "localhost:5443": { kind: "basic", username: "trestle", password: "s3cret", source: "test" },
    "docker.io": { kind: "identity-token", token: "tok", source: "test" },
  });

  it("encodes X-Registry-Auth for the image's registry (anonymous when there is no credential)", async () => {
    assert.deepEqual(decode(registryAuthHeader(await authForImage(credentials, "localhost:5443/app:1"))), {
      username: "trestle",
      password: "s3cret",
      serveraddress: "localhost:5443",
    });
    assert.deepEqual(decode(registryAuthHeader(await authForImage(credentials, "busybox"))), {
      identitytoken: "tok",
      serveraddress: "https://index.docker.io/v1/",
    });
    assert.deepEqual(decode(registryAuthHeader(await authForImage(credentials, "localhost:5000/app"))), {
      serveraddress: "localhost:5000",
    });
    assert.doesNotMatch(registryAuthHeader(await authForImage(credentials, "localhost:5443/a")), /[+/]/);
  });

  it("collects X-Registry-Config for the base images' registries", async () => {
    const auths = await authsForImages(credentials, [
      "localhost:5443/base:1",
      "localhost:5443/other",
      "localhost:5000/x",
      "",
    ]);
    assert.deepEqual(Object.keys(decode(registryConfigHeader(auths)) as object), ["localhost:5443"]);
    const broken = { lookup: () => Promise.reject(new Error("docker-credential-nope not found")) };
    assert.deepEqual(await authsForImages(broken, ["gcr.io/x/y"]), []);
  });

  it("splits references into the engine's name and tag", () => {
    assert.deepEqual(nameAndTag("localhost:5000/app:v1"), { name: "localhost:5000/app", tag: "v1" });
    assert.deepEqual(nameAndTag("localhost:5000/app"), { name: "localhost:5000/app", tag: "latest" });
    assert.deepEqual(nameAndTag(`app:1@sha256:${"a".repeat(64)}`), { name: "app", tag: "1" });
  });
});
