import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { parseAllDocuments } from "yaml";
import { scratchFiles, trestle } from "./run-trestle.js";

const HEAD = "apiVersion: skaffold/v4beta14\nkind: Config\n";
type Config = Record<string, any>;

function effective(cwd: string, args: string[] = [], env: Record<string, string> = {}): Config[] {
  const result = trestle(["diagnose", "--yaml-only", ...args], { cwd, env });
  assert.equal(result.code, 0, result.stderr);
  return parseAllDocuments(result.stdout).map((d) => d.toJS() as Config);
}

const profiled = `${HEAD}build:
  artifacts:
  - image: app
    docker: {dockerfile: Dockerfile}
  tagPolicy: {gitCommit: {}}
deploy:
  kubectl: {}
profiles:
- name: gcb
  build:
    googleCloudBuild: {projectId: demo}
- name: dev-file
  patches:
  - op: replace
    path: /build/artifacts/0/docker/dockerfile
    value: Dockerfile.dev
- name: by-env
  activation:
  - env: STAGE=prod.*
  deploy:
    kubectl:
      defaultNamespace: prod
- name: by-command
  activation:
  - command: diagnose
  build:
    tagPolicy: {sha256: {}}
`;

describe("profiles", () => {
  it("applies named profiles in order: overlay then patches", () => {
    const [config] = effective(scratchFiles({ "skaffold.yaml": profiled }), [
      "-p",
      "gcb,dev-file",
      "-p",
      "-by-command",
    ]);
    assert.deepEqual(config?.["build"]["googleCloudBuild"]["projectId"], "demo");
    assert.equal(config?.["build"]["local"], undefined);
    assert.equal(config?.["build"]["artifacts"][0]["docker"]["dockerfile"], "Dockerfile.dev");
    assert.deepEqual(config?.["build"]["tagPolicy"], { gitCommit: {} });
    assert.equal(config?.["profiles"], undefined);
  });

  it("activates profiles by env (regex) and by command, unless auto-activation is off", () => {
    const dir = scratchFiles({ "skaffold.yaml": profiled });
    const [auto] = effective(dir, [], { STAGE: "production" });
    assert.equal(auto?.["deploy"]["kubectl"]["defaultNamespace"], "prod");
    assert.deepEqual(auto?.["build"]["tagPolicy"], { sha256: {} });
    const [off] = effective(dir, ["--profile-auto-activation=false"], { STAGE: "production" });
    assert.equal(off?.["deploy"]["kubectl"]["defaultNamespace"], undefined);
  });

  it("lists profiles and modules as JSON", () => {
    const dir = scratchFiles({
      "skaffold.yaml": `${HEAD}metadata: {name: one}\nprofiles: [{name: a}, {name: b}]\n---\n${HEAD}\nprofiles: [{name: c}]\n`,
    });
    const profiles = trestle(["inspect", "profiles", "list"], { cwd: dir });
    assert.equal(profiles.code, 0, profiles.stderr);
    const parsed = JSON.parse(profiles.stdout) as { profiles: { name: string; module?: string }[] };
    assert.deepEqual(
      parsed.profiles.map((p) => [p.name, p.module ?? ""]),
      [
        ["a", "one"],
        ["b", "one"],
        ["c", ""],
      ],
    );
    const modules = JSON.parse(trestle(["inspect", "modules", "list"], { cwd: dir }).stdout) as {
      modules: { name: string; isRoot?: boolean }[];
    };
    assert.deepEqual(
      modules.modules.map((m) => m.name),
      ["one"],
    );
    const all = JSON.parse(trestle(["inspect", "modules", "list", "--all"], { cwd: dir }).stdout) as {
      modules: { name: string }[];
    };
    assert.deepEqual(
      all.modules.map((m) => m.name),
      ["one", "__config_1"],
    );
  });
});

describe("requires and modules", () => {
  const files = {
    "skaffold.yaml": `${HEAD}metadata: {name: root}\nrequires:\n- path: ./svc\n  configs: [svc-a]\n  activeProfiles:\n  - name: fast\n    activatedBy: [quick]\nbuild:\n  artifacts:\n  - image: root-app\nprofiles:\n- name: quick\n`,
    "svc/skaffold.yaml": `${HEAD}metadata: {name: svc-a}\nbuild:\n  artifacts:\n  - image: svc-a\n    context: src\nprofiles:\n- name: fast\n  build:\n    tagPolicy: {inputDigest: {}}\n---\n${HEAD}metadata: {name: svc-b}\n`,
  };

  it("loads required configs first, filtered by name, with profiles mapped through activeProfiles", () => {
    const dir = scratchFiles(files);
    const plain = effective(dir);
    assert.deepEqual(
      plain.map((c) => c["metadata"]["name"]),
      ["svc-a", "root"],
    );
    assert.deepEqual(plain[0]?.["build"]["tagPolicy"], { gitCommit: {} });
    const quick = effective(dir, ["-p", "quick"]);
    assert.deepEqual(quick[0]?.["build"]["tagPolicy"], { inputDigest: {} });
  });

  it("selects modules with -m (with what they require)", () => {
    const dir = scratchFiles(files);
    assert.deepEqual(
      effective(dir, ["-m", "svc-a"]).map((c) => c["metadata"]["name"]),
      ["svc-a"],
    );
    assert.deepEqual(
      effective(dir, ["-m", "root"]).map((c) => c["metadata"]["name"]),
      ["svc-a", "root"],
    );
  });

  it("clones git-based requires into the remote cache and reuses them", () => {
    const remote = scratchFiles({
      "deploy/skaffold.yaml": `${HEAD}metadata: {name: remote-mod}\nbuild:\n  artifacts:\n  - image: remote-app\n`,
    });
    execFileSync(
      "sh",
      ["-c", "git init -q -b main && git add -A && git -c user.email=t@t -c user.name=t commit -qm init"],
      { cwd: remote },
    );
    const dir = scratchFiles({
      "skaffold.yaml": `${HEAD}requires:\n- git:\n    repo: file://${remote}\n    path: deploy\n    ref: main\n`,
    });
    const cache = scratchFiles({});
    const first = effective(dir, ["--remote-cache-dir", cache]);
    assert.deepEqual(
      first.map((c) => c["metadata"]?.["name"]),
      ["remote-mod", undefined],
    );
    const offline = trestle(
      ["diagnose", "--yaml-only", "--remote-cache-dir", cache, "--sync-remote-cache", "never"],
      { cwd: dir },
    );
    assert.equal(offline.code, 0, offline.stderr);
    const missing = trestle(
      ["diagnose", "--yaml-only", "--remote-cache-dir", scratchFiles({}), "--sync-remote-cache", "never"],
      { cwd: dir },
    );
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /is not in the cache/);
  });
});

describe("templates and env files", () => {
  it("expands templated fields over the environment and skaffold.env", () => {
    const dir = scratchFiles({
      "skaffold.yaml": `${HEAD}build:\n  tagPolicy:\n    envTemplate:\n      template: '{{.RELEASE}}-{{default "x" .MISSING}}'\n  artifacts:\n  - image: app\n    docker:\n      buildArgs:\n        USER_UPPER: '{{.WHO | upper}}'\n`,
      "skaffold.env": "RELEASE=from-file\nWHO=file\n",
    });
    const [config] = effective(dir, [], { WHO: "env" });
    assert.equal(config?.["build"]["tagPolicy"]["envTemplate"]["template"], "from-file-x");
    assert.equal(config?.["build"]["artifacts"][0]["docker"]["buildArgs"]["USER_UPPER"], "ENV");
    const [raw] = effective(dir, ["--enable-templating=false"]);
    assert.equal(
      raw?.["build"]["tagPolicy"]["envTemplate"]["template"],
      '{{.RELEASE}}-{{default "x" .MISSING}}',
    );
  });
});
