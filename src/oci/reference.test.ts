import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isTrestleError } from "../errors/errors.js";
import {
  familiarName,
  formatReference,
  parseReference,
  referenceIdentifier,
  withDigest,
  withTag,
} from "./reference.js";
import { sanitizeImageName } from "./reference-grammar.js";

const digest = `sha256:${"a".repeat(64)}`;

describe("parseReference", () => {
  const cases: [string, string][] = [
    ["nginx", "docker.io/library/nginx"],
    ["nginx:1.25", "docker.io/library/nginx:1.25"],
    ["library/nginx", "docker.io/library/nginx"],
    ["user/app:v1", "docker.io/user/app:v1"],
    ["index.docker.io/user/app", "docker.io/user/app"],
    ["docker.io/nginx", "docker.io/library/nginx"],
    ["localhost/app", "localhost/app"],
    ["localhost:5000/team/app:dev", "localhost:5000/team/app:dev"],
    ["gcr.io/distroless/static:nonroot", "gcr.io/distroless/static:nonroot"],
    ["127.0.0.1:5000/app", "127.0.0.1:5000/app"],
    ["[::1]:5000/app:v2", "[::1]:5000/app:v2"],
    [`app@${digest}`, `docker.io/library/app@${digest}`],
    [`localhost:5000/app:v1@${digest}`, `localhost:5000/app:v1@${digest}`],
    ["Registry.Example.com/app", "Registry.Example.com/app"],
    // Docker reads an upper-case first component as a registry host.
    ["Foo/bar", "Foo/bar"],
    ["a.b/c_d/e__f/g-h--i:TaG_1.0-x", "a.b/c_d/e__f/g-h--i:TaG_1.0-x"],
  ];
  for (const [input, expected] of cases) {
    it(`normalises ${input}`, () => {
      assert.equal(formatReference(parseReference(input)), expected);
    });
  }

  it("splits registry, repository, tag and digest", () => {
    assert.deepEqual(parseReference(`localhost:5000/a/b:t@${digest}`), {
      registry: "localhost:5000",
      repository: "a/b",
      tag: "t",
      digest,
    });
  });

  const invalid: [string, RegExp][] = [
    ["", /empty/],
    ["App", /lowercase/],
    ["user/App:v1", /lowercase/],
    ["app:", /not a valid tag/],
    ["app:-x", /not a valid tag/],
    [`app:${"t".repeat(129)}`, /not a valid tag/],
    ["app@sha256:abc", /not a valid digest/],
    [`app@sha256:${"A".repeat(64)}`, /not a valid digest/],
    ["a".repeat(64).replace(/a/g, "f"), /image ID/],
    ["localhost:5000/", /not a valid path component/],
    ["localhost:5000/a//b", /not a valid path component/],
    ["app_/x", /not a valid path component/],
    ["-bad.host/app", /not a valid registry host/],
    [`x/${"a".repeat(260)}`, /longer than 255/],
  ];
  for (const [input, why] of invalid) {
    it(`rejects ${JSON.stringify(input.slice(0, 40))}`, () => {
      assert.throws(
        () => parseReference(input),
        (error: unknown) =>
          isTrestleError(error) && error.code === "INVALID_IMAGE_REFERENCE" && why.test(error.message),
      );
    });
  }
});

describe("reference helpers", () => {
  it("identifies by digest, then tag, then latest", () => {
    assert.equal(referenceIdentifier(parseReference("app")), "latest");
    assert.equal(referenceIdentifier(parseReference("app:v1")), "v1");
    assert.equal(referenceIdentifier(parseReference(`app:v1@${digest}`)), digest);
  });

  it("retags and pins", () => {
    const ref = parseReference("localhost:5000/app:v1");
    assert.equal(formatReference(withTag(ref, "v2")), "localhost:5000/app:v2");
    assert.equal(formatReference(withDigest(ref, digest)), `localhost:5000/app:v1@${digest}`);
    assert.throws(() => withTag(ref, "bad tag"));
  });

  it("gives Docker's short names", () => {
    assert.equal(familiarName(parseReference("nginx:1")), "nginx");
    assert.equal(familiarName(parseReference("user/app")), "user/app");
    assert.equal(familiarName(parseReference("localhost:5000/app")), "localhost:5000/app");
  });

  it("sanitizes ko:// import paths as Skaffold does, keeping the tag's case", () => {
    assert.equal(sanitizeImageName("ko://github.com/Org/App"), "github.com/org/app");
    assert.equal(sanitizeImageName("ko://github.com/Org/App:TaG"), "github.com/org/app:TaG");
    assert.equal(sanitizeImageName("localhost:5000/app:v1"), "localhost:5000/app:v1");
  });
});
