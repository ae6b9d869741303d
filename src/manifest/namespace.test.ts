import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setNamespace } from "./namespace.js";
import { createResourceSelector } from "./selector.js";
import { parseManifests } from "./yaml.js";

describe("setNamespace", () => {
  const cases: readonly [string, string, string, unknown, number][] = [
    [
      "sets it on a Deployment without one",
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}",
      "dev",
      "dev",
      0,
    ],
    ["sets it when empty", "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ''}", "dev", "dev", 0],
    ["keeps an equal one", "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: dev}", "dev", "dev", 0],
    [
      "keeps another one, with a warning",
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: prod}",
      "dev",
      "prod",
      1,
    ],
    [
      "keeps another one silently for default",
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: prod}",
      "",
      "prod",
      0,
    ],
    [
      "uses default for an empty namespace",
      "apiVersion: v1\nkind: Service\nmetadata: {name: s}",
      "",
      "default",
      0,
    ],
    [
      "sets it on a ConfigMap (Trestle)",
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}",
      "dev",
      "dev",
      0,
    ],
    [
      "sets it on a Role (Trestle)",
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}",
      "dev",
      "dev",
      0,
    ],
    [
      "not on a ClusterRole",
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}",
      "dev",
      undefined,
      0,
    ],
    ["not on a Namespace", "apiVersion: v1\nkind: Namespace\nmetadata: {name: n}", "dev", undefined, 0],
    [
      "not on a custom resource of unknown scope",
      "apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: t}",
      "dev",
      undefined,
      0,
    ],
    ["creates metadata when missing", "apiVersion: v1\nkind: Pod\nspec: {}", "dev", "dev", 0],
  ];
  for (const [name, yaml, ns, expected, warnings] of cases) {
    it(name, () => {
      const result = setNamespace(parseManifests(yaml, "t"), ns, createResourceSelector());
      const metadata = result.manifests[0]?.["metadata"] as Record<string, unknown> | undefined;
      assert.equal(metadata?.["namespace"], expected);
      assert.equal(result.warnings.length, warnings);
    });
  }

  it("leaves a denied kind alone and does not modify its input", () => {
    const input = parseManifests("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}", "t");
    const before = structuredClone(input);
    const result = setNamespace(input, "dev", createResourceSelector({ deny: [{ groupKind: "ConfigMap" }] }));
    assert.deepEqual(result.manifests, before);
    setNamespace(input, "dev", createResourceSelector());
    assert.deepEqual(input, before);
  });
});
