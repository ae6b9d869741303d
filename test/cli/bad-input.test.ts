import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scratchFiles, trestle } from "./run-trestle.js";

const HEAD = "apiVersion: skaffold/v4beta14\nkind: Config\n";

interface BadInput {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  readonly args?: readonly string[];
  readonly code: number;
  /** Every pattern must appear in stderr. */
  readonly expect: readonly RegExp[];
}

const artifact = (body: string): string => `${HEAD}build:\n  artifacts:\n  - image: app\n${body}`;

const cases: readonly BadInput[] = [
  {
    name: "YAML syntax error",
    files: { "skaffold.yaml": `${HEAD}build:\n  artifacts: [\n` },
    code: 1,
    expect: [/invalid YAML/, /skaffold\.yaml:\d+:\d+/],
  },
  {
    name: "tab indentation",
    files: { "skaffold.yaml": `${HEAD}build:\n\tartifacts: []\n` },
    code: 1,
    expect: [/invalid YAML/, /skaffold\.yaml:4:\d+/],
  },
  {
    name: "duplicate key",
    files: { "skaffold.yaml": `${HEAD}kind: Config\n` },
    code: 1,
    expect: [/invalid YAML/, /skaffold\.yaml:3:1/, /only once/],
  },
  {
    name: "missing apiVersion",
    files: { "skaffold.yaml": "kind: Config\n" },
    code: 1,
    expect: [/missing apiVersion/, /apiVersion: skaffold\/v4beta14/],
  },
  {
    name: "not a Skaffold config",
    files: { "skaffold.yaml": "apiVersion: apps/v1\nkind: Deployment\n" },
    code: 1,
    expect: [/not a Skaffold config: apiVersion is "apps\/v1"/, /skaffold\.yaml:1:\d+ \(apiVersion\)/],
  },
  {
    name: "unknown apiVersion",
    files: { "skaffold.yaml": "apiVersion: skaffold/v9\nkind: Config\n" },
    code: 1,
    expect: [/unknown apiVersion "skaffold\/v9"/, /v1alpha1/, /v4beta14/],
  },
  {
    name: "unknown field in a profile",
    files: { "skaffold.yaml": `${HEAD}profiles:\n- name: p\n  bulid: {}\n` },
    code: 1,
    expect: [/unknown field "bulid" in profiles\[0\]/, /skaffold\.yaml:5:3/, /Did you mean "build"\?/],
  },
  { name: "empty file", files: { "skaffold.yaml": "" }, code: 1, expect: [/has no configs/] },
  {
    name: "document is a list",
    files: { "skaffold.yaml": "- a\n- b\n" },
    code: 1,
    expect: [/must be a YAML mapping/],
  },
  {
    name: "unknown top-level field",
    files: { "skaffold.yaml": `${HEAD}bulid: {}\n` },
    code: 1,
    expect: [
      /unknown field "bulid" at the top level/,
      /skaffold\.yaml:3:1 \(bulid\)/,
      /Did you mean "build"\?/,
    ],
  },
  {
    name: "unknown nested field",
    files: { "skaffold.yaml": artifact("    dockr: {}\n") },
    code: 1,
    expect: [
      /unknown field "dockr" in build\.artifacts\[0\]/,
      /skaffold\.yaml:6:5/,
      /Did you mean "docker"\?/,
    ],
  },
  {
    name: "wrong type: list expected",
    files: { "skaffold.yaml": `${HEAD}build:\n  artifacts: app\n` },
    code: 1,
    expect: [/build\.artifacts must be a list, not string "app"/, /skaffold\.yaml:4:\d+/],
  },
  {
    name: "wrong type: number expected",
    files: { "skaffold.yaml": `${HEAD}deploy:\n  statusCheckDeadlineSeconds: ten\n` },
    code: 1,
    expect: [/deploy\.statusCheckDeadlineSeconds must be a number/, /skaffold\.yaml:4:\d+/],
  },
  {
    name: "missing required field",
    files: { "skaffold.yaml": `${HEAD}build:\n  artifacts:\n  - context: .\n` },
    code: 1,
    expect: [/missing required field build\.artifacts\[0\]\.image/],
  },
  {
    name: "conflicting builders",
    files: { "skaffold.yaml": artifact("    docker: {}\n    ko: {}\n") },
    code: 1,
    expect: [/sets "docker" and "ko", which exclude each other/, /Keep only one of/],
  },
  {
    name: "conflicting build environments",
    files: { "skaffold.yaml": `${HEAD}build:\n  local: {}\n  cluster: {}\n` },
    code: 1,
    expect: [/sets "local" and "cluster"/],
  },
  {
    name: "duplicate image names",
    files: { "skaffold.yaml": `${HEAD}build:\n  artifacts:\n  - image: app\n  - image: app\n` },
    code: 1,
    expect: [/duplicate image "app"/, /skaffold\.yaml:6:\d+/],
  },
  {
    name: "artifact dependency cycle",
    files: {
      "skaffold.yaml": `${HEAD}build:\n  artifacts:\n  - image: a\n    requires: [{image: b}]\n  - image: b\n    requires: [{image: a}]\n`,
    },
    code: 1,
    expect: [/cycle in artifact dependencies: a → b → a/],
  },
  {
    name: "unknown artifact dependency",
    files: { "skaffold.yaml": artifact("    requires:\n    - image: base\n") },
    code: 1,
    expect: [/unknown build dependency "base" for artifact "app"/, /skaffold\.yaml:7:\d+/],
  },
  {
    name: "invalid dependency alias",
    files: {
      "skaffold.yaml": `${HEAD}build:\n  artifacts:\n  - image: base\n  - image: app\n    requires: [{image: base, alias: my-base}]\n`,
    },
    code: 1,
    expect: [/alias "my-base"/, /\^\[a-zA-Z_\]/],
  },
  {
    name: "sync on a builder that cannot infer",
    files: {
      "skaffold.yaml": artifact("    bazel: {target: '//:app.tar'}\n    sync:\n      infer: ['**/*.js']\n"),
    },
    code: 1,
    expect: [/the bazel builder cannot infer sync rules/, /build\.artifacts\[0\]\.sync\.infer/],
  },
  {
    name: "auto sync on docker",
    files: { "skaffold.yaml": artifact("    sync:\n      auto: true\n") },
    code: 1,
    expect: [/the docker builder has no automatic sync rules/],
  },
  {
    name: "sync strip that is not a prefix",
    files: {
      "skaffold.yaml": artifact(
        "    sync:\n      manual:\n      - src: 'src/**/*.js'\n        dest: .\n        strip: lib/\n",
      ),
    },
    code: 1,
    expect: [/does not have prefix 'lib\/'/],
  },
  {
    name: "image with a tag",
    files: { "skaffold.yaml": `${HEAD}build:\n  artifacts:\n  - image: app:v1\n` },
    code: 1,
    expect: [/invalid image "app:v1": no tag should be specified/],
  },
  {
    name: "image with a digest",
    files: { "skaffold.yaml": `${HEAD}build:\n  artifacts:\n  - image: app@sha256:${"a".repeat(64)}\n` },
    code: 1,
    expect: [/no digest should be specified/],
  },
  {
    name: "invalid image name",
    files: { "skaffold.yaml": `${HEAD}build:\n  artifacts:\n  - image: My_App\n` },
    code: 1,
    expect: [/invalid image "My_App"/],
  },
  {
    name: "unterminated template",
    files: { "skaffold.yaml": artifact("    docker:\n      buildArgs:\n        A: '{{.FOO'\n") },
    code: 1,
    expect: [
      /invalid template "\{\{\.FOO"/,
      /skaffold\.yaml:8:\d+ \(build\.artifacts\[0\]\.docker\.buildArgs\.A\)/,
    ],
  },
  {
    name: "unknown template function",
    files: { "skaffold.yaml": artifact("    docker:\n      buildArgs:\n        A: '{{nosuchfn .FOO}}'\n") },
    code: 1,
    expect: [/invalid template/, /nosuchfn/],
  },
  {
    name: "patch on a missing path",
    files: {
      "skaffold.yaml": `${artifact("")}profiles:\n- name: p\n  patches:\n  - op: replace\n    path: /build/artifacts/3/image\n    value: x\n`,
    },
    args: ["diagnose", "-p", "p"],
    code: 1,
    expect: [
      /profile "p": patch 0 \(replace \/build\/artifacts\/3\/image\) failed: index 3 is out of range/,
      /skaffold\.yaml:10:\d+/,
    ],
  },
  {
    name: "patch with an unknown op",
    files: {
      "skaffold.yaml": `${artifact("")}profiles:\n- name: p\n  patches:\n  - op: merge\n    path: /build\n`,
    },
    args: ["diagnose", "-p", "p"],
    code: 1,
    expect: [/unknown op "merge"|must be one of/],
  },
  {
    name: "profile that breaks the schema",
    files: {
      "skaffold.yaml": `${artifact("")}profiles:\n- name: p\n  patches:\n  - op: add\n    path: /build/artifacts/0/dockr\n    value: {}\n`,
    },
    args: ["diagnose", "-p", "p"],
    code: 1,
    expect: [/unknown field "dockr"/, /after applying profiles p/],
  },
  {
    name: "unknown profile",
    files: { "skaffold.yaml": `${artifact("")}profiles:\n- name: prod\n` },
    args: ["diagnose", "-p", "prd"],
    code: 1,
    expect: [/profile "prd" not found/, /Did you mean "prod"\?/],
  },
  {
    name: "bad env activation",
    files: { "skaffold.yaml": `${artifact("")}profiles:\n- name: p\n  activation:\n  - env: NOEQUALS\n` },
    code: 1,
    expect: [/invalid env activation "NOEQUALS"/, /skaffold\.yaml:9:\d+/],
  },
  {
    name: "missing config file",
    files: { "README.md": "no config here" },
    code: 1,
    expect: [/config file .*skaffold\.yaml not found/, /pass -f <file>/],
  },
  {
    name: "missing required config",
    files: { "skaffold.yaml": `${HEAD}requires:\n- path: ./nope\n` },
    code: 1,
    expect: [/nope.* not found \(required by/],
  },
  {
    name: "duplicate config names in a file",
    files: { "skaffold.yaml": `${HEAD}metadata: {name: a}\n---\n${HEAD}metadata: {name: a}\n` },
    code: 1,
    expect: [/config name "a" is used twice/],
  },
  {
    name: "unknown module",
    files: { "skaffold.yaml": `${HEAD}metadata: {name: a}\n` },
    args: ["diagnose", "-m", "b"],
    code: 1,
    expect: [/no config matches the module selection \[b\]/],
  },
  {
    name: "bad env file line",
    files: { "skaffold.yaml": HEAD, "skaffold.env": "GOOD=1\nthis is not a pair\n" },
    code: 1,
    expect: [/invalid line in env file/, /skaffold\.env:2:1/],
  },
  {
    name: "invalid log prefix",
    files: { "skaffold.yaml": `${HEAD}deploy:\n  logs:\n    prefix: pod\n` },
    code: 1,
    expect: [/invalid log prefix 'pod'/],
  },
  {
    name: "unknown field in an old apiVersion",
    files: {
      "skaffold.yaml":
        "apiVersion: skaffold/v2beta10\nkind: Config\nbuild:\n  artifacts:\n  - image: app\n    dockerr: {}\n",
    },
    code: 1,
    expect: [/unknown field "dockerr"/, /after upgrading from skaffold\/v2beta10/, /skaffold\.yaml:6:\d+/],
  },
  {
    name: "unknown flag",
    files: { "skaffold.yaml": HEAD },
    args: ["diagnose", "--yaml-onyl"],
    code: 127,
    expect: [/unknown flag --yaml-onyl/, /Did you mean --yaml-only\?/],
  },
  {
    name: "unknown command",
    files: { "skaffold.yaml": HEAD },
    args: ["deplyo"],
    code: 127,
    expect: [/unknown command "deplyo"/, /trestle deploy/],
  },
  {
    name: "fix to an unknown version",
    files: { "skaffold.yaml": HEAD },
    args: ["fix", "--version", "skaffold/v0"],
    code: 127,
    expect: [/unknown target version/],
  },
];

describe("bad input gets a clear error, the right exit code and no stack trace", () => {
  it("has at least 30 cases", () => {
    assert.ok(cases.length >= 30, `only ${cases.length} cases`);
  });
  for (const c of cases) {
    it(c.name, () => {
      const dir = scratchFiles(c.files);
      const result = trestle(c.args ?? ["diagnose"], { cwd: dir });
      assert.equal(result.code, c.code, `exit code; stderr:\n${result.stderr}`);
      for (const pattern of c.expect) assert.match(result.stderr, pattern);
      assert.doesNotMatch(result.stderr, /^\s+at .+:\d+:\d+\)?$/m, "no stack trace");
      assert.doesNotMatch(result.stderr, /internal error/);
      assert.equal(result.stdout, "", "nothing on stdout");
    });
  }
});
