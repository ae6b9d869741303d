import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TagPolicy } from "../../config/schema/index.js";
import type { Exec } from "../../proc/exec.js";
import { FileHashStore } from "../cache/file-hashes.js";
import { createTagger, createTaggerMux } from "./create.js";
import type { TaggerContext } from "./create.js";

/** A git that answers `describe` with v1, `rev-list` with a sha, and reports a clean tree. */
const fakeGit: Exec = {
  run: (_cmd, args) => {
    const stdout = args[0] === "describe" ? "v1\n" : args[0] === "rev-list" ? "abc123\n" : "";
    return Promise.resolve({ code: 0, stdout, stderr: "" });
  },
};

async function context(): Promise<TaggerContext> {
  return {
    exec: fakeGit,
    lister: { dependencies: () => Promise.resolve([]) },
    digests: await FileHashStore.open(undefined, "/"),
    env: { RELEASE: "r7" },
    now: () => new Date(Date.UTC(2020, 0, 2, 3, 4, 5)),
  };
}

const tagWith = async (policy: TagPolicy | undefined, customTag = "", image = "app") =>
  createTagger(policy, await context(), customTag).tag({ image }, "/ws");

describe("createTagger", () => {
  it("picks the tagger the policy names", async () => {
    assert.equal(await tagWith(undefined), "v1");
    assert.equal(await tagWith({ gitCommit: { variant: "CommitSha", prefix: "c-" } }), "c-abc123");
    assert.equal(await tagWith({ sha256: {} }), "latest");
    assert.equal(await tagWith({ envTemplate: { template: "{{.RELEASE}}" } }), "r7");
    assert.equal(await tagWith({ dateTime: { format: "2006", timezone: "UTC" } }), "2020");
    assert.match(await tagWith({ inputDigest: {} }), /^[0-9a-f]{64}$/);
  });

  it("builds a custom template from components and built-ins", async () => {
    const policy: TagPolicy = {
      customTemplate: {
        template: "{{.REL}}-{{.GIT}}-{{.SHA}}",
        components: [{ name: "REL", envTemplate: { template: "{{.RELEASE}}" } }],
      },
    };
    assert.equal(await tagWith(policy), "r7-v1-latest");
  });

  it("lets --tag override the policy", async () => {
    assert.equal(await tagWith({ sha256: {} }, "custom"), "custom");
  });

  it("rejects policies that cannot work, when created", async () => {
    const ctx = await context();
    assert.throws(() => createTagger({}, ctx), { code: "TAG_POLICY_UNKNOWN" });
    assert.throws(() => createTagger({ gitCommit: { variant: "Nope" } }, ctx), { code: "TAG_GIT_VARIANT" });
    const twice: TagPolicy = {
      customTemplate: {
        template: "{{.A}}",
        components: [
          { name: "A", sha256: {} },
          { name: "A", sha256: {} },
        ],
      },
    };
    assert.throws(() => createTagger(twice, ctx), { message: "multiple components with name A" });
    const empty: TagPolicy = { customTemplate: { template: "{{.A}}", components: [{ name: "A" }] } };
    assert.throws(() => createTagger(empty, ctx), { message: "unknown component for custom template: A" });
  });
});

describe("createTaggerMux", () => {
  it("tags each image with its own pipeline's policy", async () => {
    const mux = createTaggerMux(
      [
        { tagPolicy: { sha256: {} }, images: ["a"] },
        { tagPolicy: { envTemplate: { template: "{{.RELEASE}}" } }, images: ["b"] },
      ],
      await context(),
    );
    assert.equal(await mux.tag({ image: "a" }, "/ws"), "latest");
    assert.equal(await mux.tag({ image: "b" }, "/ws"), "r7");
    await assert.rejects(mux.tag({ image: "c" }, "/ws"), {
      message: 'no valid tagger found for artifact: "c"',
    });
  });
});
