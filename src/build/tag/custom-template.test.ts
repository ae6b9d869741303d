import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { customTemplateTagger, templateFields } from "./custom-template.js";
import type { BuiltinComponent } from "./custom-template.js";
import { dateTimeTagger } from "./date-time.js";
import { envTemplateTagger } from "./env-template.js";
import { checksumTagger } from "./sha256.js";
import type { Tagger } from "./tagger.js";

const constant = (tag: string): Tagger => ({ tag: () => Promise.resolve(tag) });
const failing: Tagger = { tag: () => Promise.reject(new Error("boom")) };
const builtins = (name: BuiltinComponent): Tagger => constant(`builtin-${name}`);
const artifact = { image: "test" };

const date = dateTimeTagger(
  { format: "2006-01-02", timezone: "UTC" },
  () => new Date(Date.UTC(2015, 2, 7, 11, 6, 39)),
);
const env = envTemplateTagger("{{.FOO}}", { env: { FOO: "BAR" } });
const missingEnv = envTemplateTagger("{{.BAR}}", { env: { FOO: "BAR" } });

async function render(template: string, components: Record<string, Tagger> = {}): Promise<string> {
  return customTemplateTagger(template, new Map(Object.entries(components)), builtins).tag(artifact, "/ws");
}

describe("customTemplateTagger", () => {
  // Skaffold's TestTagTemplate_GenerateTag.
  it("renders text and components", async () => {
    assert.equal(await render(""), "");
    assert.equal(await render("foo-bar"), "foo-bar");
    assert.equal(await render("{{.FOO}}", { FOO: date, BAR: env }), "2015-03-07");
    assert.equal(await render("foo-{{.FOO}}-{{.BAR}}", { FOO: env, BAR: checksumTagger }), "foo-BAR-latest");
  });

  it("fails when a component fails, or is missing", async () => {
    await assert.rejects(render("{{.FOO}}", { FOO: missingEnv }), {
      message: "evaluating custom template component: environment variables missing for template keys",
      code: "TAG_TEMPLATE_MISSING_ENV",
    });
    await assert.rejects(render("{{.FOO}}", { FOO: failing }), {
      message: /evaluating custom template component: boom/,
    });
    await assert.rejects(render("{{.FOO}}"), { message: "no tagger available for component FOO" });
  });

  it("offers GIT, DATE, SHA and INPUT_DIGEST, which declared components override", async () => {
    assert.equal(await render("{{.SHA}}-{{.GIT}}"), "builtin-SHA-builtin-GIT");
    const got = await render("{{.GIT}}-{{.DATE}}-{{.SHA}}-{{.INPUT_DIGEST}}", {
      GIT: date,
      DATE: env,
      SHA: date,
    });
    assert.equal(got, "2015-03-07-BAR-2015-03-07-builtin-INPUT_DIGEST");
  });

  it("evaluates only the components the template uses", async () => {
    assert.equal(await render("{{.FOO}}", { FOO: constant("x"), UNUSED: failing }), "x");
  });

  it("rejects a template that does not parse when created", () => {
    assert.throws(() => customTemplateTagger("{{.FOO", new Map(), builtins), { name: "TemplateError" });
  });
});

describe("templateFields", () => {
  // Skaffold's TestGetTemplateFields.
  it("lists field names in order of first use", () => {
    assert.deepEqual(templateFields("{{.FOO}}-{{.BAR}}-{{.FOO}}"), ["FOO", "BAR"]);
    assert.deepEqual(templateFields("{{.A.B}}"), ["A", "B"]);
    assert.deepEqual(templateFields("{{if .C}}{{.D}}{{else}}{{.E}}{{end}}"), ["C", "D", "E"]);
    assert.deepEqual(templateFields('{{range .F}}{{.G}}{{end}}{{with .H}}x{{end}}{{printf "%s" .I}}'), [
      "F",
      "G",
      "H",
      "I",
    ]);
    assert.deepEqual(templateFields("{{(.J)}}{{$x := 1}}{{$x}}"), ["J"]);
    assert.deepEqual(templateFields("plain"), []);
    assert.deepEqual(templateFields("{{.V1}}  {{.V1}}    {{.V2}}"), ["V1", "V2"]);
    const nested = "{{.V1}}{{if ne .V1 .V2}}{{.V3}}{{else if .V4}}{{else}}{{.V5}}{{end}}";
    assert.deepEqual(templateFields(nested), ["V1", "V2", "V3", "V4", "V5"]);
    assert.deepEqual(templateFields('{{block "b1" .V1}}block content{{end}}{{template "t1" .V2}}'), [
      "V1",
      "V2",
    ]);
    assert.deepEqual(templateFields("{{with .V1}} {{.V2}} {{else}} {{.V3}} {{end}}"), ["V1", "V2", "V3"]);
  });
});
