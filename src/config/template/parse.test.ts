/** Lexing and parsing: literals, trim markers, comments and Go's parse error messages with offsets. */
import { test } from "node:test";
import { check } from "./testing.js";
import type { Case } from "./testing.js";

const cases: Readonly<Record<string, Case>> = {
  "plain text": { t: "no actions here", want: "no actions here" },
  "field access": { t: "{{.A}}:{{ .IMAGE_NAME }}", want: "a:img" },
  "trim both sides": { t: "a  {{- .A -}}  b", want: "aab" },
  "trim newlines": { t: "x\n  {{- if true -}}\n  y\n  {{- end -}}\n  z", want: "xyz" },
  "trim needs a space": { t: "{{-3}}", want: "-3" },
  "trimmed comment": { t: "a  {{- /* c */ -}}  b", want: "ab" },
  "multi-line comment": { t: "{{/* multi\nline */}}ok", want: "ok" },
  "interpreted string escapes": { t: '{{"a\\tb\\x41\\u00e9\\101"}}', want: "a\tbAéA" },
  "raw string": { t: "{{`raw\\n`}}", want: "raw\\n" },
  "number literals": {
    t: "{{'a'}} {{0x1F}} {{1_000}} {{0b101}} {{0o17}} {{017}} {{1e3}} {{.5}} {{-0}} {{0x1p4}}",
    want: "97 31 1000 5 15 15 1000 0.5 0 16",
  },
  "int64 bounds": {
    t: "{{print 9223372036854775807 -9223372036854775808}}",
    want: "9223372036854775807 -9223372036854775808",
  },
  "bool and nil-free literals": { t: "{{true}} {{false}}", want: "true false" },
  "parenthesised pipeline": { t: '{{(printf "%s-%s" .A "x") | upper}}', want: "A-X" },
  "chain on parenthesised map": { t: '{{(split "/" "a/b/c")._1}}', want: "b" },
  "unknown function": { t: "{{foo}}", error: 'function "foo" not defined', at: 2 },
  "unknown function offset": { t: "ab\n{{ .A | nope }}", error: 'function "nope" not defined', at: 11 },
  "unsupported sprig function": {
    t: '{{genCA "x" 3}}',
    error: 'function "genCA" is not supported by trestle',
    at: 2,
  },
  "helm-only function": { t: '{{required "x" .A}}', error: 'function "required" not defined', at: 2 },
  "unclosed action": { t: "{{.A", error: "unclosed action", at: 4 },
  "unclosed action across lines": { t: "{{.A\n", error: "unclosed action started at line 1", at: 5 },
  "unexpected right paren": { t: "{{.A)}}", error: "unexpected right paren", at: 4 },
  "unclosed left paren": { t: "{{(.A}}", error: "unclosed left paren", at: 5 },
  "unterminated string": { t: '{{"abc}}', error: "unterminated quoted string", at: 2 },
  "bad escape": { t: '{{"\\q"}}', error: "invalid syntax", at: 2 },
  "bad character": { t: "{{.A#}}", error: "bad character U+0023 '#'", at: 2 },
  "unexpected char in command": { t: "{{#}}", error: 'unexpected "#" in command', at: 2 },
  "unexpected token in operand": { t: "{{1.5.3}}", error: 'unexpected ".3" in operand', at: 5 },
  "bad number": { t: "{{3x}}", error: 'bad number syntax: "3x"', at: 2 },
  "integer overflow": {
    t: "{{99999999999999999999}}",
    error: 'integer overflow: "99999999999999999999"',
    at: 2,
  },
  "complex unsupported": { t: "{{1i}}", error: "complex number constants are not supported: 1i", at: 2 },
  "undefined variable": { t: "{{$x}}", error: 'undefined variable "$x"', at: 2 },
  "variable out of scope": {
    t: "{{if true}}{{$y := 1}}{{end}}{{$y}}",
    error: 'undefined variable "$y"',
    at: 31,
  },
  "stray end": { t: "{{end}}", error: "unexpected {{end}}", at: 5 },
  "stray else": { t: "{{ .A }}{{ else }}", error: "unexpected {{else}}", at: 16 },
  "missing end": { t: "{{if .A}}a", error: "unexpected EOF", at: 10 },
  "double else": {
    t: "{{ if 1 }}{{ else }}{{ else }}{{ end }}",
    error: "expected end; found {{else}}",
    at: 28,
  },
  "missing if condition": { t: "{{if}}{{end}}", error: "missing value for if", at: 4 },
  "literal in pipeline stage": {
    t: '{{ .A | "x" }}',
    error: "non executable command in pipeline stage 2",
    at: 8,
  },
  "dot after literal": { t: '{{"x".foo}}', error: 'unexpected . after term "\\"x\\""', at: 2 },
  "comment not at delimiter": { t: "{{/*c*/ }}", error: "comment ends before closing delimiter", at: 2 },
  "too many range variables": {
    t: "{{range $i, $v, $w := list}}{{end}}",
    error: "too many declarations in range",
    at: 14,
  },
  "break outside range": { t: "{{ break }}", error: "{{break}} outside {{range}}", at: 3 },
  "duplicate define": {
    t: '{{ define "x" }}1{{ end }}{{ define "x" }}2{{ end }}',
    error: 'template: multiple definition of template "x"',
    at: 36,
  },
};

for (const [name, c] of Object.entries(cases))
  test(`parse: ${name}`, () => {
    check(c);
  });
