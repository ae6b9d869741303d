import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { rootCertificates } from "node:tls";
import { apiHost, createEndpointPolicy, hostName, isInsecureHost, isLoopbackHost } from "./endpoint.js";

describe("registry endpoints", () => {
  it("recognises loopback hosts", () => {
    for (const host of [
      "localhost",
      "localhost:5000",
      "127.0.0.1:5443",
      "127.1.2.3",
      "[::1]:5000",
      "app.localhost",
    ]) {
      assert.equal(isLoopbackHost(host), true, host);
    }
    for (const host of ["gcr.io", "10.0.0.1:5000", "localhost.example.com"])
      assert.equal(isLoopbackHost(host), false, host);
    assert.equal(hostName("[::1]:5000"), "::1");
    assert.equal(apiHost("docker.io"), "index.docker.io");
  });

  it("matches insecure entries by host[:port], bare host, scheme prefix and CIDR", () => {
    assert.equal(isInsecureHost("reg:5000", ["reg:5000"]), true);
    assert.equal(isInsecureHost("reg:5000", ["reg"]), true);
    assert.equal(isInsecureHost("reg:5000", ["reg:5001"]), false);
    assert.equal(isInsecureHost("reg:5000", ["http://reg:5000/"]), true);
    assert.equal(isInsecureHost("10.1.2.3:5000", ["10.0.0.0/8"]), true);
    assert.equal(isInsecureHost("11.1.2.3:5000", ["10.0.0.0/8"]), false);
    assert.equal(isInsecureHost("gcr.io", []), false);
  });

  it("allows plain HTTP only for loopback and insecure hosts, and skips verification only for insecure ones", () => {
    const policy = createEndpointPolicy({
      insecureRegistries: ["reg.internal:5000"],
      env: {},
      certsDir: "/nonexistent",
    });
    assert.deepEqual(policy.schemes("gcr.io"), ["https"]);
    assert.deepEqual(policy.schemes("localhost:5000"), ["http", "https"]);
    assert.deepEqual(policy.schemes("reg.internal:5000"), ["https", "http"]);
    assert.equal(policy.tls("localhost:5443").rejectUnauthorized, true);
    assert.equal(policy.tls("reg.internal:5000").rejectUnauthorized, false);
    assert.equal(policy.tls("gcr.io").ca, undefined);
  });

  it("adds SSL_CERT_FILE and certs.d/<host>/*.crt to Node's CAs", () => {
    const dir = mkdtempSync(join(tmpdir(), "trestle-certs-"));
    const pem = (name: string): string => `-----BEGIN CERTIFICATE-----\n${name}\n-----END CERTIFICATE-----\n`;
    writeFileSync(join(dir, "extra.pem"), pem("EXTRA") + pem("EXTRA"));
    mkdirSync(join(dir, "certs.d", "reg:5443"), { recursive: true });
    writeFileSync(join(dir, "certs.d", "reg:5443", "ca.crt"), pem("PER-HOST"));
    const policy = createEndpointPolicy({
      env: { SSL_CERT_FILE: join(dir, "extra.pem") },
      certsDir: join(dir, "certs.d"),
    });
    const ca = policy.tls("reg:5443").ca ?? [];
    assert.equal(ca.length, rootCertificates.length + 2);
    assert.deepEqual(ca.slice(-2), [pem("EXTRA"), pem("PER-HOST")]);
    assert.equal((policy.tls("other:1").ca ?? []).length, rootCertificates.length + 1);
    assert.equal(policy.tls("other:1").ca, policy.tls("other:2").ca, "hosts without certs.d share one list");
    const same = createEndpointPolicy({
      env: { SSL_CERT_FILE: join(dir, "extra.pem"), NODE_EXTRA_CA_CERTS: join(dir, "extra.pem") },
    });
    assert.equal(same.tls("x:1").ca, undefined, "Node already trusts NODE_EXTRA_CA_CERTS");
  });
});
