/** Execution: Skaffold-style fields, missing keys, pipelines, control structures, variables and errors. */
import { test } from "node:test";
import { check } from "./testing.js";
import type { Case } from "./testing.js";

const cases: Readonly<Record<string, Case>> = {
  "skaffold image reference": {
    t: "{{.IMAGE_REPO}}/{{.IMAGE_NAME}}:{{.IMAGE_TAG}}",
    want: "gcr.io/proj/img:v1",
  },
  "skaffold default": {
    t: '{{default "dev" .ENV}}-{{default "dev" .A}}-{{default "dev" .B}}',
    want: "dev-a-dev",
  },
  "skaffold upper": { t: "{{.USER | upper}}", want: "ALICE" },
  "skaffold or": { t: '{{or .MISSING "x"}}', want: "x" },
  "missing key prints <no value>": { t: '{{default "a" .FOO}}:{{.BAR}}', want: "a:<no value>" },
  "missing nested key": { t: "{{.MISSING.B}}", want: "<no value>" },
  "missingkey=zero": { t: "{{.MISSING}}|{{(dict).x}}", want: "|<no value>", options: { missingKey: "zero" } },
  "missingkey=error": {
    t: "{{.A}}{{.MISSING}}",
    error: 'map has no entry for key "MISSING"',
    at: 8,
    options: { missingKey: "error" },
  },
  "index of missing key is the zero value": { t: '[{{index . "MISSING"}}]', want: "[]" },
  "dot is the data map": { t: "{{.}}", data: { B: "2", A: "1" }, want: "map[A:1 B:2]" },
  "pipeline final argument": { t: '{{.A | printf "%s-%s" "z"}}', want: "z-a" },
  "pipeline chain": { t: '{{.MISSING | default "x" | upper}}', want: "X" },
  "if/else if/else": { t: "{{if .B}}b{{else if .A}}a{{else}}none{{end}}", want: "a" },
  "if on numbers": {
    t: "{{ if 1 }}x{{ end }} {{ if 0 }}x{{ else }}y{{ end }} {{ if 0.0 }}x{{ else }}y{{ end }}",
    want: "x y y",
  },
  "with and else with": { t: "{{with .MISSING}}x{{else with .A}}{{.}}{{end}}", want: "a" },
  "with binds a variable": {
    t: '{{ $v := "a" }}{{ with $v }}{{ . }}{{ $.IMAGE_TAG }}{{ end }}',
    want: "av1",
  },
  "range over list with index": {
    t: '{{range $i, $v := list "a" "b"}}{{$i}}={{$v}},{{end}}',
    want: "0=a,1=b,",
  },
  "range over map in key order": {
    t: '{{ range $k, $v := dict "b" 1 "a" 2 }}{{ $k }}={{ $v }} {{ end }}',
    want: "a=2 b=1 ",
  },
  "range over int": { t: "{{range 3}}{{.}}{{end}}", want: "012" },
  "range else": {
    t: "{{range .MISSING}}x{{else}}empty{{end}}|{{range list}}x{{else}}empty{{end}}",
    want: "empty|empty",
  },
  "break and continue": {
    t: "{{range $i, $v := list 1 2 3}}{{if eq $i 1}}{{continue}}{{end}}{{if eq $i 2}}{{break}}{{end}}{{$v}}{{end}}",
    want: "1",
  },
  "variable assignment": { t: "{{$x := 1}}{{$x = 2}}{{$x}}", want: "2" },
  "assignment inside range": {
    t: "{{ $i := 0 }}{{ range list 1 2 }}{{ $i = . }}{{ end }}{{ $i }}",
    want: "2",
  },
  "declaration prints nothing": { t: '{{ $x := "a" }}[{{ $x }}]', want: "[a]" },
  "define and template": { t: '{{define "T"}}[{{.}}]{{end}}{{template "T" .A}}', want: "[a]" },
  block: { t: '{{block "B" .A}}<{{.}}>{{end}}', want: "<a>" },
  "and/or return operands": {
    t: '{{ and 0 1 }}|{{ or 0 "" }}|{{ and "a" "b" }}|{{ or 0 "" nil }}',
    want: "0||b|<no value>",
  },
  "field on a string": { t: "{{.A.B}}", error: "can't evaluate field B in type string", at: 2 },
  "arguments to a field": { t: '{{.A "x"}}', error: "A is not a method but has arguments", at: 2 },
  "arguments to a literal": { t: '{{"x" 1}}', error: 'can\'t give argument to non-function "x"', at: 2 },
  "nil command": { t: "{{with $x := nil}}tag{{end}}", error: "nil is not a command", at: 13 },
  "range over string": { t: '{{range "abc"}}{{.}}{{end}}', error: "range can't iterate over abc", at: 8 },
  "two variables over int": {
    t: "{{range $i, $v := 3}}{{end}}",
    error: "can't use 3 to iterate over more than one variable",
    at: 18,
  },
  "undefined template": { t: '{{template "nope"}}', error: 'template "nope" not defined', at: 11 },
  "runtime undefined variable": { t: "{{ $x = 1 }}", error: "undefined variable: $x", at: 3 },
  "wrong arity": { t: "{{or}}", error: "wrong number of args for or: want at least 1 got 0", at: 2 },
  "wrong arity fixed": {
    t: '{{upper "a" "b"}}',
    error: "wrong number of args for upper: want 1 got 2",
    at: 2,
  },
  "missing value for string parameter": {
    t: "{{upper .MISSING}}",
    error: "invalid value; expected string",
    at: 8,
  },
  "literal of wrong type": { t: "{{upper 3}}", error: "expected string; found 3", at: 8 },
  "value of wrong type": {
    t: '{{upper (len "ab")}}',
    error: "wrong type for value; expected string; got int",
    at: 9,
  },
  "int64 is not int": {
    t: '{{repeat (add 1 2) "x"}}',
    error: "wrong type for value; expected int; got int64",
    at: 10,
  },
  "string is not bool": {
    t: '{{ternary "a" "b" .A}}',
    error: "wrong type for value; expected bool; got string",
    at: 18,
  },
  "map[string]string is not a dict": {
    t: '{{hasKey . "A"}}',
    error: "wrong type for value; expected map[string]interface {}; got map[string]string",
    at: 9,
  },
  "function error": { t: '{{fail "boom"}}', error: "error calling fail: boom", at: 2 },
};

for (const [name, c] of Object.entries(cases))
  test(`exec: ${name}`, () => {
    check(c);
  });
