import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { substituteDefaultRepo } from "./default-repo.js";

const LONG_IMAGE =
  "gcr.io/herewehaveanincrediblylongregistryname/herewealsohaveanabnormallylongimagename/doubtyouveseenanimagethislong/butyouneverknowdoyouimeanpeopledosomecrazystuffoutthere/goodluckpushingthistoanyregistrymyfriend";
const DIGEST = "sha256:81daf011d63b68cfa514ddab7741a1adddd59d3264118dfb0fd9266328bb8883";
const AWS = "aws_account_id.dkr.ecr.region.amazonaws.com";

// Skaffold's TestImageReplaceDefaultRepo (pkg/skaffold/docker/default_repo_test.go), case for case.
const cases: readonly [string, string, string | undefined, boolean | undefined, string][] = [
  [
    "basic GCR concatenation",
    "gcr.io/some/registry",
    "gcr.io/default",
    undefined,
    "gcr.io/default/gcr.io/some/registry",
  ],
  [
    "GCR without multi-level",
    "gcr.io/some/registry",
    "gcr.io/default",
    false,
    "gcr.io/default/gcr.io/some/registry",
  ],
  [
    "basic AR concatenation",
    "github.com/org/app",
    "us-central1-docker.pkg.dev/default",
    undefined,
    "us-central1-docker.pkg.dev/default/github.com/org/app",
  ],
  [
    "AR without multi-level",
    "github.com/org/app",
    "us-central1-docker.pkg.dev/default",
    false,
    "us-central1-docker.pkg.dev/default/github.com/org/app",
  ],
  ["no default repo set", "gcr.io/some/registry", undefined, undefined, "gcr.io/some/registry"],
  ["empty default repo", "gcr.io/some/registry", "", undefined, "gcr.io/some/registry"],
  [
    "image has defaultRepo prefix",
    "gcr.io/default/registry",
    "gcr.io/default",
    undefined,
    "gcr.io/default/registry",
  ],
  [
    "image has defaultRepo eu prefix",
    "eu.gcr.io/project/registry",
    "eu.gcr.io/project",
    undefined,
    "eu.gcr.io/project/registry",
  ],
  [
    "shared prefix with defaultRepo",
    "gcr.io/default/example/registry",
    "gcr.io/default/repository",
    undefined,
    "gcr.io/default/repository/example/registry",
  ],
  ["aws", "gcr.io/some/registry", AWS, undefined, `${AWS}/gcr_io_some_registry`],
  ["aws multi-level", "gcr.io/some/registry", AWS, true, `${AWS}/gcr.io/some/registry`],
  [
    "aws over 255 chars",
    LONG_IMAGE,
    AWS,
    undefined,
    `${AWS}/gcr_io_herewehaveanincrediblylongregistryname_herewealsohaveanabnormallylongimagename_doubtyouveseenanimagethislong_butyouneverknowdoyouimeanpeopledosomecrazystuffoutthere_goodluckpushingthistoanyregistrymyfrien`,
  ],
  [
    "GCR with numbers and dashes",
    "gcr.io/k8s-skaffold/skaffold-example",
    "gcr.io/k8s-skaffold",
    undefined,
    "gcr.io/k8s-skaffold/skaffold-example",
  ],
  ["shared prefix, not gcr", "myrepo/skaffold-example", "myrepo", undefined, "myrepo/skaffold-example"],
  [
    "ko with GCR",
    "ko://example.com/cmd/app",
    "gcr.io/default",
    undefined,
    "gcr.io/default/example.com/cmd/app",
  ],
  ["ko not with GCR", "ko://example.com/cmd/app", "myrepo", undefined, "myrepo/example_com_cmd_app"],
  ["ko multi-level not with GCR", "ko://example.com/cmd/app", "myrepo", true, "myrepo/example.com/cmd/app"],
  ["keep tag", "img:tag", "gcr.io/default", undefined, "gcr.io/default/img:tag"],
  ["keep digest", `img@${DIGEST}`, "gcr.io/default", undefined, `gcr.io/default/img@${DIGEST}`],
  [
    "keep tag and digest",
    `img:tag@${DIGEST}`,
    "gcr.io/default",
    undefined,
    `gcr.io/default/img:tag@${DIGEST}`,
  ],
  ["keep tag on escaped name", "gcr.io/a/b:v1", "localhost:5000", undefined, "localhost:5000/gcr_io_a_b:v1"],
];

describe("substituteDefaultRepo", () => {
  for (const [name, image, repo, multiLevel, expected] of cases) {
    it(name, () => {
      assert.equal(substituteDefaultRepo(repo, multiLevel, image), expected);
    });
  }

  it("rejects an invalid image name", () => {
    assert.throws(() => substituteDefaultRepo("gcr.io/default", undefined, "!!invalid!!"), {
      code: "IMAGE_REFERENCE_INVALID",
      message: /invalid reference format/,
    });
  });

  it("treats a GCR repo whose project id is too short as single-level, as Skaffold does", () => {
    // Skaffold looks for gcr.io in the matched <registry>/<project> prefix, which needs a 6-30 character project.
    assert.equal(substituteDefaultRepo("gcr.io/team", undefined, "gcr.io/p/web"), "gcr.io/team/gcr_io_p_web");
  });

  it("leaves an invalid image alone when there is no default repo", () => {
    assert.equal(substituteDefaultRepo(undefined, undefined, "!!invalid!!"), "!!invalid!!");
  });
});
