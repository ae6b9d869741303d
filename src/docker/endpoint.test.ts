import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { describeEndpoint, engineEndpoint } from "./endpoint.js";
import { connectionError, engineMessage, responseError } from "./errors.js";

describe("DOCKER_HOST", () => {
  it("defaults to /var/run/docker.sock and reads unix and tcp hosts", () => {
    assert.deepEqual(engineEndpoint({}), { kind: "unix", socketPath: "/var/run/docker.sock" });
    assert.deepEqual(engineEndpoint({ DOCKER_HOST: "unix:///run/user/1000/docker.sock" }), {
      kind: "unix",
      socketPath: "/run/user/1000/docker.sock",
    });
    assert.deepEqual(engineEndpoint({ DOCKER_HOST: "tcp://10.0.0.5:2375", DOCKER_API_VERSION: "v1.40" }), {
      kind: "tcp",
      host: "10.0.0.5",
      port: 2375,
      apiVersion: "1.40",
    });
    assert.equal(describeEndpoint(engineEndpoint({ DOCKER_HOST: "tcp://docker" })), "docker:2375");
  });

  it("uses TLS material from DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set", () => {
    const dir = mkdtempSync(join(tmpdir(), "trestle-certs-"));
    writeFileSync(join(dir, "ca.pem"), "CA");
    writeFileSync(join(dir, "cert.pem"), "CERT");
    const endpoint = engineEndpoint({
      DOCKER_HOST: "tcp://docker:2376",
      DOCKER_TLS_VERIFY: "1",
      DOCKER_CERT_PATH: dir,
    });
    assert.equal(endpoint.kind, "tcp");
    assert.equal(endpoint.kind === "tcp" ? endpoint.tls?.ca?.toString() : "", "CA");
    assert.equal(endpoint.kind === "tcp" ? endpoint.tls?.key : "x", undefined);
  });

  it("rejects schemes it cannot speak, with a hint", () => {
    assert.throws(() => engineEndpoint({ DOCKER_HOST: "ssh://me@host" }), /not supported/);
  });
});

describe("engine errors", () => {
  const endpoint = { kind: "unix", socketPath: "/nope.sock" } as const;
  it("explains an unreachable daemon by cause", () => {
    const errno = (code: string): Error => Object.assign(new Error(code), { code });
    assert.equal(connectionError(endpoint, errno("ENOENT")).code, "DOCKER_SOCKET_MISSING");
    assert.equal(connectionError(endpoint, errno("ECONNREFUSED")).code, "DOCKER_NOT_RUNNING");
    const denied = connectionError(endpoint, errno("EACCES"));
    assert.equal(denied.code, "DOCKER_PERMISSION_DENIED");
    assert.match(denied.hint ?? "", /docker` group/);
    assert.equal(connectionError(endpoint, errno("EPIPE")).kind, "external");
  });

  it("carries the engine's message and a code by status", () => {
    assert.equal(engineMessage('{"message":"No such image: x"}'), "No such image: x");
    assert.equal(engineMessage("plain\n"), "plain");
    const missing = responseError(404, '{"message":"No such image: x"}', "inspecting image x");
    assert.equal(missing.message, "inspecting image x: No such image: x");
    assert.deepEqual([missing.code, missing.kind], ["DOCKER_NOT_FOUND", "user"]);
    assert.deepEqual(
      [responseError(500, "", "x").code, responseError(500, "", "x").kind],
      ["DOCKER_ENGINE_ERROR", "external"],
    );
    assert.equal(responseError(401, "", "x").kind, "external");
  });
});
