import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { artifactTypeShape, ARTIFACT_TYPES, LATEST_API_VERSION, skaffoldConfigSchema } from "./index.js";

function load(body: string): unknown {
  return parse(`apiVersion: ${LATEST_API_VERSION}\nkind: Config\n${body}`);
}

function issuesOf(body: string): { code: string; path: PropertyKey[]; keys?: string[] }[] {
  const result = skaffoldConfigSchema.safeParse(load(body));
  assert.equal(result.success, false, "expected the config to be rejected");
  return (
    result.error?.issues.map((i) => ({
      code: i.code,
      path: i.path,
      ...("keys" in i ? { keys: i.keys } : {}),
    })) ?? []
  );
}

function parsed(body: string) {
  const result = skaffoldConfigSchema.safeParse(load(body));
  assert.ok(result.success, JSON.stringify(result.error?.issues, null, 2));
  return result.data;
}

void describe("skaffoldConfigSchema rejects", () => {
  void it("an unknown field, reporting the mapping and the key", () => {
    const issues = issuesOf(
      "build:\n  artifacts:\n  - image: app\n    docker:\n      dockerfil: Dockerfile\n",
    );
    assert.deepEqual(issues, [
      { code: "unrecognized_keys", path: ["build", "artifacts", 0, "docker"], keys: ["dockerfil"] },
    ]);
  });

  void it("an unknown top-level field and an unknown field in a profile", () => {
    const issues = issuesOf("builds: {}\nprofiles:\n- name: p\n  deploy:\n    kustomize: {}\n");
    assert.deepEqual(issues, [
      { code: "unrecognized_keys", path: ["profiles", 0, "deploy"], keys: ["kustomize"] },
      { code: "unrecognized_keys", path: [], keys: ["builds"] },
    ]);
  });

  void it("a value of the wrong type", () => {
    assert.deepEqual(issuesOf("build:\n  local:\n    push: sometimes\n"), [
      { code: "invalid_type", path: ["build", "local", "push"] },
    ]);
    assert.deepEqual(issuesOf("portForward:\n- port: 8080\n  localPort: http\n"), [
      { code: "invalid_type", path: ["portForward", 0, "localPort"] },
    ]);
    assert.deepEqual(issuesOf("build:\n  artifacts: app\n"), [
      { code: "invalid_type", path: ["build", "artifacts"] },
    ]);
  });

  void it("a missing or empty required field", () => {
    assert.deepEqual(issuesOf("build:\n  artifacts:\n  - context: app\n"), [
      { code: "invalid_type", path: ["build", "artifacts", 0, "image"] },
    ]);
    assert.deepEqual(issuesOf('build:\n  artifacts:\n  - image: ""\n'), [
      { code: "too_small", path: ["build", "artifacts", 0, "image"] },
    ]);
    assert.deepEqual(issuesOf("deploy:\n  docker: {}\n"), [
      { code: "invalid_type", path: ["deploy", "docker", "images"] },
    ]);
  });

  void it("another apiVersion, or none", () => {
    const result = skaffoldConfigSchema.safeParse({ apiVersion: "skaffold/v2beta29", kind: "Config" });
    assert.deepEqual(
      result.error?.issues.map((i) => i.path),
      [["apiVersion"]],
    );
    assert.equal(skaffoldConfigSchema.safeParse({ kind: "Config" }).success, false);
    assert.equal(skaffoldConfigSchema.safeParse({ apiVersion: LATEST_API_VERSION }).success, false);
  });
});

void describe("skaffoldConfigSchema reads values as Skaffold's YAML decoder does", () => {
  void it("keeps any scalar of a string field as text, and null build-arg values", () => {
    const config = parsed(
      "build:\n  artifacts:\n  - image: app\n    docker:\n      buildArgs: {DEBUG: 1, ON: true, FROM_ENV: null}\n",
    );
    assert.deepEqual(config.build?.artifacts?.[0]?.docker?.buildArgs, {
      DEBUG: "1",
      ON: "true",
      FROM_ENV: null,
    });
  });

  void it("treats `key: null` as an absent field", () => {
    const config = parsed("build:\n  local:\n  tagPolicy:\n    sha256:\ndeploy:\n");
    assert.deepEqual(config.build, { tagPolicy: {} });
    assert.equal(config.deploy, undefined);
  });

  void it("accepts YAML 1.1 booleans in boolean fields", () => {
    assert.equal(parsed("build:\n  local:\n    push: yes\n").build?.local?.push, true);
    assert.equal(parsed("deploy:\n  statusCheck: off\n").deploy?.statusCheck, false);
  });

  void it("reads a port as a number when it is digits, else as a name", () => {
    const config = parsed('portForward:\n- port: "8080"\n- port: http\n- port: 9000\n');
    assert.deepEqual(
      config.portForward?.map((p) => p.port),
      [8080, "http", 9000],
    );
  });

  void it("flattens helm setValues into dotted keys", () => {
    const config = parsed(
      "deploy:\n  helm:\n    releases:\n    - name: r\n      chartPath: c\n      setValues: {a: {b: 1, c: [x, true]}, d: null}\n",
    );
    assert.deepEqual(config.deploy?.helm?.releases?.[0]?.setValues, {
      "a.b": "1",
      "a.c[0]": "x",
      "a.c[1]": "true",
      d: "<nil>",
    });
  });

  void it("passes free-form content through", () => {
    const config = parsed(
      "deploy:\n  helm:\n    releases:\n    - name: r\n      remoteChart: c\n      overrides: {x: {y: [1, null]}}\nprofiles:\n- name: p\n  patches:\n  - path: /deploy\n    value: {anything: [1]}\n",
    );
    assert.deepEqual(config.deploy?.helm?.releases?.[0]?.overrides, { x: { y: [1, null] } });
    assert.deepEqual(config.profiles?.[0]?.patches?.[0]?.value, { anything: [1] });
  });
});

void describe("ARTIFACT_TYPES", () => {
  void it("lists exactly the builder keys of an artifact", () => {
    assert.deepEqual(Object.keys(artifactTypeShape), [...ARTIFACT_TYPES]);
  });
});
