import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fullyQualifiedImageName, generateTags } from "./generate.js";
import type { Tagger } from "./tagger.js";

const constant = (tag: string): Tagger => ({ tag: () => Promise.resolve(tag) });
const failing: Tagger = { tag: () => Promise.reject(new Error("not a git repository")) };
const item = (image: string) => ({ artifact: { image }, workspace: "/ws" });

describe("fullyQualifiedImageName", () => {
  it("appends the tag, or keeps an image that has one", async () => {
    assert.equal(await fullyQualifiedImageName(constant("v1"), { image: "app" }, "/ws"), "app:v1");
    assert.equal(await fullyQualifiedImageName(constant(""), { image: "app:pinned" }, "/ws"), "app:pinned");
  });

  it("rejects a result that is not an image reference", async () => {
    await assert.rejects(fullyQualifiedImageName(constant("bad tag"), { image: "app" }, "/ws"), {
      code: "IMAGE_REFERENCE_INVALID",
    });
  });
});

describe("generateTags", () => {
  it("tags every artifact and applies the default repo", async () => {
    const got = await generateTags([item("app"), item("gcr.io/p/web")], constant("v1"), {
      defaultRepo: "gcr.io/my-team",
    });
    assert.deepEqual(got, [
      { image: "app", reference: "gcr.io/my-team/app:v1" },
      { image: "gcr.io/p/web", reference: "gcr.io/my-team/gcr.io/p/web:v1" },
    ]);
  });

  it("falls back to latest when the tagger fails, and says why", async () => {
    const [got] = await generateTags([item("app")], failing);
    assert.equal(got?.reference, "app:latest");
    assert.match(String(got?.fallbackReason), /not a git repository/);
  });

  it("falls back to the image's own tag, as the sha256 policy does", async () => {
    const [got] = await generateTags([item("app:pinned")], failing);
    assert.equal(got?.reference, "app:pinned");
  });

  it("fails when even the fallback is not a valid reference", async () => {
    await assert.rejects(generateTags([item("Not Valid")], failing), { code: "IMAGE_REFERENCE_INVALID" });
  });
});
