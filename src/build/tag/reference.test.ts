import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sanitizeImageName } from "../../oci/reference-grammar.js";
import { parseImageReference } from "./reference.js";

const DIGEST = "sha256:81daf011d63b68cfa514ddab7741a1adddd59d3264118dfb0fd9266328bb8883";

// Skaffold's TestParseReference (pkg/skaffold/docker/reference_test.go): [image, name, tag, digest, fully qualified].
const cases: readonly [string, string, string, string, boolean][] = [
  ["host:1234/user/container:tag", "host:1234/user/container", "tag", "", true],
  ["host:1234/user/container", "host:1234/user/container", "", "", false],
  ["host/user/container:tag", "host/user/container", "tag", "", true],
  ["host/user/container:latest", "host/user/container", "latest", "", false],
  [`gcr.io/k8s-skaffold/example@${DIGEST}`, "gcr.io/k8s-skaffold/example", "", DIGEST, true],
  [`gcr.io/k8s-skaffold/example:v1@${DIGEST}`, "gcr.io/k8s-skaffold/example", "v1", DIGEST, true],
  ["nginx:latest", "nginx", "latest", "", false],
  ["ko://host/user/container", "host/user/container", "", "", false],
  [
    "ko://github.com/GoogleContainerTools/skaffold",
    "github.com/googlecontainertools/skaffold",
    "",
    "",
    false,
  ],
  ["gcr.io/k8s-skaffold/Example:Tag", "gcr.io/k8s-skaffold/example", "Tag", "", true],
  [
    `us-central1-docker.pkg.dev/k8s-skaffold/Example:Tag@${DIGEST}`,
    "us-central1-docker.pkg.dev/k8s-skaffold/example",
    "Tag",
    DIGEST,
    true,
  ],
];

describe("parseImageReference", () => {
  for (const [image, name, tag, digest, fullyQualified] of cases) {
    it(image, () => {
      const parsed = parseImageReference(image);
      assert.deepEqual(
        [parsed.baseName, parsed.tag, parsed.digest, parsed.fullyQualified],
        [name, tag, digest, fullyQualified],
      );
    });
  }

  it("splits the repository and the last component", () => {
    const parsed = parseImageReference("gcr.io/project/app:v1");
    assert.deepEqual(
      [parsed.domain, parsed.path, parsed.repo, parsed.name],
      ["gcr.io", "project/app", "gcr.io/project", "app"],
    );
    const single = parseImageReference("app");
    assert.deepEqual([single.domain, single.path, single.repo, single.name], ["", "app", "", ""]);
  });

  it("gives distribution's reasons for invalid names", () => {
    const reason = (image: string) => {
      try {
        parseImageReference(image);
        return "ok";
      } catch (error) {
        return (error as Error).message.replace(/^parsing image name "[^"]*": /, "");
      }
    };
    assert.equal(reason("!!invalid!!"), "invalid reference format");
    assert.equal(reason(""), "repository name must have at least one component");
    assert.equal(reason("app:"), "invalid reference format");
    assert.equal(reason("app@sha256:abc"), "invalid reference format");
    assert.equal(reason(`app@md5:${"a".repeat(32)}`), "unsupported digest algorithm");
    assert.equal(reason(`app@sha256:${"A".repeat(64)}`), "invalid checksum digest format");
    assert.equal(reason(`app@sha256:${"a".repeat(63)}`), "invalid checksum digest format");
    assert.equal(reason("b".repeat(256)), "repository name must not be more than 255 characters");
    assert.equal(reason(`app:${"t".repeat(129)}`), "invalid reference format");
  });
});

describe("sanitizeImageName", () => {
  it("drops ko:// and lower-cases only the name", () => {
    assert.equal(sanitizeImageName("ko://github.com/Org/App:TagX"), "github.com/org/app:TagX");
    assert.equal(sanitizeImageName("Registry/App"), "registry/app");
  });

  it("leaves an unparseable name as it is", () => {
    assert.equal(sanitizeImageName("!!Invalid!!"), "!!Invalid!!");
  });
});
