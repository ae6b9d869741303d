import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Artifact } from "../../config/schema/index.js";
import { fixedTagger } from "./custom-tag.js";
import { dateTimeTagger } from "./date-time.js";
import { envTemplateTagger } from "./env-template.js";
import { checksumTagger } from "./sha256.js";

const image = (name: string): Artifact => ({ image: name });

describe("checksumTagger (sha256)", () => {
  it("tags latest, or nothing when the image has a tag", async () => {
    assert.equal(await checksumTagger.tag(image("app"), "/ws"), "latest");
    assert.equal(await checksumTagger.tag(image("app:v1"), "/ws"), "");
  });

  it("rejects an invalid image name", async () => {
    await assert.rejects(checksumTagger.tag(image("!!bad!!"), "/ws"), { code: "IMAGE_REFERENCE_INVALID" });
  });
});

describe("fixedTagger (--tag)", () => {
  it("gives the tag, and rejects an empty one", async () => {
    assert.equal(await fixedTagger("v2").tag(image("app"), "/ws"), "v2");
    await assert.rejects(fixedTagger("").tag(image("app"), "/ws"), { message: "custom tag not provided" });
  });
});

describe("dateTimeTagger", () => {
  // Skaffold's TestDateTime_GenerateTag.
  it("uses the default layout in local time", async () => {
    const tag = await dateTimeTagger({}, () => new Date(2015, 2, 7, 11, 6, 39, 123)).tag(image("t"), "/ws");
    assert.match(tag, /^2015-03-07_11-06-39\.123_\S+$/);
  });

  it("uses the given time zone", async () => {
    const tagger = dateTimeTagger({ timezone: "UTC" }, () => new Date(1234_123));
    assert.equal(await tagger.tag(image("t"), "/ws"), "1970-01-01_00-20-34.123_UTC");
    const ny = dateTimeTagger(
      { timezone: "America/New_York", format: "2006-01-02T15:04:05 MST" },
      () => new Date(0),
    );
    assert.equal(await ny.tag(image("t"), "/ws"), "1969-12-31T19:00:00 EST");
  });

  it("uses the given layout", async () => {
    const tagger = dateTimeTagger({ format: "2006-01-02" }, () => new Date(2015, 2, 7, 11));
    assert.equal(await tagger.tag(image("t"), "/ws"), "2015-03-07");
  });

  it("rejects an unknown time zone, and one spelled in the wrong case", async () => {
    await assert.rejects(dateTimeTagger({ timezone: "foo" }).tag(image("t"), "/ws"), {
      message: 'bad timezone provided: "foo", error: unknown time zone foo',
    });
    await assert.rejects(dateTimeTagger({ timezone: "europe/paris" }).tag(image("t"), "/ws"), {
      code: "TAG_TIMEZONE",
    });
  });
});

describe("envTemplateTagger", () => {
  const tag = (template: string, env: Record<string, string>, name = "foo") =>
    envTemplateTagger(template, { env }).tag(image(name), "/ws");

  // Skaffold's TestEnvTemplateTagger_GenerateTag.
  it("renders over the environment and IMAGE_NAME", async () => {
    assert.equal(await tag("{{.IMAGE_NAME}}", {}), "foo");
    assert.equal(await tag("{{.FOO}}-{{.BAZ}}:latest", { FOO: "BAR", BAZ: "BAT" }), "BAR-BAT:latest");
  });

  it("lets IMAGE_NAME win over the environment", async () => {
    const got = await tag(
      "{{.IMAGE_NAME}}-{{.FROM_ENV}}:latest",
      { FROM_ENV: "FOO", IMAGE_NAME: "BAT" },
      "image_name",
    );
    assert.equal(got, "image_name-FOO:latest");
  });

  it("rejects a variable the environment lacks, but not one with a default", async () => {
    await assert.rejects(tag("{{.FOO}}:latest", {}), {
      message: "environment variables missing for template keys",
    });
    await assert.rejects(tag("{{.IMAGE_NAME}}:{{.DIGEST}}", {}), { code: "TAG_TEMPLATE_MISSING_ENV" });
    assert.equal(await tag('{{default "bar" .FOO}}', {}), "bar");
  });

  it("offers Sprig and cmd", async () => {
    assert.equal(await tag("{{.FOO | lower}}", { FOO: "ABC" }), "abc");
    const tagger = envTemplateTagger('{{cmd "git" "rev-parse" "HEAD"}}', {
      env: {},
      runCommand: (name, args) => `${name} ${args.join(" ")}`,
    });
    assert.equal(await tagger.tag(image("x"), "/ws"), "git rev-parse HEAD");
  });

  it("rejects a template that does not parse when created", () => {
    assert.throws(() => envTemplateTagger("{{.FOO", { env: {} }), { name: "TemplateError" });
  });
});
