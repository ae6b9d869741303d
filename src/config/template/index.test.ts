/** The public API: rendering options, error objects, syntax checks, caching and template data. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { TrestleError } from "../../errors/errors.js";
import { checkTemplateSyntax, isTemplated, renderTemplate, templateData, TemplateError } from "./index.js";

test("isTemplated detects actions", () => {
  const cases: readonly [string, boolean][] = [
    ["{{.IMAGE_NAME}}", true],
    ["plain:latest", false],
    ["a { b } {c}", false],
    ["x{{", true],
  ];
  for (const [text, want] of cases) assert.equal(isTemplated(text), want, text);
});

test("TemplateError carries Go's message, offset, line and column", () => {
  const template = "image: {{.A}}\ntag: {{ nope .B }}";
  assert.throws(
    () => renderTemplate(template, {}),
    (e: unknown) => {
      assert.ok(e instanceof TemplateError);
      assert.ok(e instanceof TrestleError);
      assert.equal(e.message, 'function "nope" not defined');
      assert.equal(e.position, 22);
      assert.equal(e.template, template);
      assert.deepEqual([e.line, e.column, e.phase, e.code], [2, 9, "parse", "TEMPLATE_PARSE"]);
      return true;
    },
  );
});

test("execution errors are TemplateErrors too", () => {
  assert.throws(
    () => renderTemplate("{{ upper .MISSING }}", {}),
    (e: unknown) =>
      e instanceof TemplateError && e.phase === "exec" && e.code === "TEMPLATE_EXEC" && e.position === 9,
  );
});

test("checkTemplateSyntax parses without executing", () => {
  let calls = 0;
  const count = (): string => String(++calls);
  assert.doesNotThrow(() => {
    checkTemplateSyntax('{{ cmd "git" "rev-parse" "HEAD" }} {{ .UNSET | upper }}');
  });
  assert.throws(() => {
    checkTemplateSyntax("{{ if .A }}");
  }, TemplateError);
  assert.equal(renderTemplate('{{cmd "x"}}', {}, { runCommand: count }), "1");
  assert.equal(calls, 1);
});

test("repeated renders reuse the parse and keep failing the same way", () => {
  const data = { N: "1" };
  for (let i = 0; i < 3; i++) {
    assert.equal(renderTemplate("n={{.N}}", data), "n=1");
    assert.throws(() => renderTemplate("{{.N", data), /unclosed action/);
  }
});

test("cmd receives the name and arguments and its output is trimmed", () => {
  const seen: (readonly string[])[] = [];
  const runCommand = (name: string, args: readonly string[]): string => {
    seen.push([name, ...args]);
    return "abc123\n";
  };
  assert.equal(renderTemplate('{{cmd "bash" "-c" "git rev-parse HEAD"}}', {}, { runCommand }), "abc123");
  assert.deepEqual(seen, [["bash", "-c", "git rev-parse HEAD"]]);
});

test("now defaults to the system clock and can be injected", () => {
  const year = Number(renderTemplate("{{ now.Year }}", {}));
  assert.ok(Math.abs(year - new Date().getFullYear()) <= 1);
  const now = (): Date => new Date("2001-02-03T04:05:06Z");
  assert.equal(
    renderTemplate('{{ now.UTC.Format "2006-01-02 15:04:05" }}', {}, { now }),
    "2001-02-03 04:05:06",
  );
});

test("templateData overlays custom values on the environment", () => {
  const env = { FROM_ENV: "FOO", MY_NAME: "BAR", UNSET: undefined };
  const data = templateData({ FOO: "foo", MY_NAME: "from_custom" }, env);
  assert.deepEqual(data, { FROM_ENV: "FOO", MY_NAME: "from_custom", FOO: "foo" });
  assert.equal(renderTemplate("{{.MY_NAME}}-{{.FROM_ENV}}:latest", data), "from_custom-FOO:latest");
});

test("missingKey=error mirrors Skaffold's ExpandEnvTemplateOrFail", () => {
  assert.equal(renderTemplate("{{.A}}", { A: "x" }, { missingKey: "error" }), "x");
  assert.throws(() => renderTemplate("{{.DOES_NOT_EXIST}}", {}, { missingKey: "error" }), {
    message: 'map has no entry for key "DOES_NOT_EXIST"',
  });
});
