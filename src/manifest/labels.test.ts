import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ResourceSelectorConfig } from "../config/schema/index.js";
import { parseLabelFlags, runLabels, setLabels } from "./labels.js";
import { createResourceSelector } from "./selector.js";
import type { Manifest } from "./types.js";
import { parseManifests } from "./yaml.js";

const RUN = runLabels("run-1", { team: "a" });

function labelled(yaml: string, rules?: ResourceSelectorConfig): Manifest[] {
  return setLabels(parseManifests(yaml, "t"), RUN, createResourceSelector(rules));
}

function at(value: unknown, ...path: (string | number)[]): unknown {
  let v = value;
  for (const p of path) v = (v as Record<string | number, unknown> | undefined)?.[p];
  return v;
}

describe("runLabels and parseLabelFlags", () => {
  it("puts managed-by and run-id first, user labels after; none without a run id", () => {
    assert.deepEqual(runLabels("x", { a: "1" }), {
      "app.kubernetes.io/managed-by": "skaffold",
      "skaffold.dev/run-id": "x",
      a: "1",
    });
    assert.deepEqual(runLabels(undefined, { a: "1" }), { a: "1" });
  });
  const flagCases: readonly [readonly string[], Record<string, string>][] = [
    [["a=1"], { a: "1" }],
    [["a"], { a: "" }],
    [["a=b=c"], { a: "b=c" }],
    [["a=1", "a=2"], { a: "2" }],
    [[], {}],
  ];
  for (const [flags, expected] of flagCases) {
    it(`parses --label ${JSON.stringify(flags)}`, () => {
      assert.deepEqual(parseLabelFlags(flags), expected);
    });
  }
});

describe("setLabels", () => {
  it("labels a Deployment and its pod template, keeping existing labels except the run id", () => {
    const [d] = labelled(`apiVersion: apps/v1
kind: Deployment
metadata: {name: d, labels: {team: mine, skaffold.dev/run-id: old}}
spec: {template: {metadata: {labels: {app: d}}, spec: {containers: [{image: x}]}}}
`);
    assert.deepEqual(at(d, "metadata", "labels"), {
      team: "mine",
      "skaffold.dev/run-id": "run-1",
      "app.kubernetes.io/managed-by": "skaffold",
    });
    assert.deepEqual(at(d, "spec", "template", "metadata", "labels"), {
      app: "d",
      "app.kubernetes.io/managed-by": "skaffold",
      "skaffold.dev/run-id": "run-1",
      team: "a",
    });
  });

  const cases: readonly [string, string, readonly (string | number)[], boolean][] = [
    ["a Pod", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}", ["metadata", "labels"], true],
    ["a Service", "apiVersion: v1\nkind: Service\nmetadata: {name: s}", ["metadata", "labels"], true],
    [
      "a CronJob's job template",
      "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec: {jobTemplate: {metadata: {}, spec: {template: {metadata: {}}}}}",
      ["spec", "jobTemplate", "spec", "template", "metadata", "labels"],
      true,
    ],
    [
      "not a Job's pod template (denied by default)",
      "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {template: {metadata: {}}}",
      ["spec", "template", "metadata", "labels"],
      false,
    ],
    [
      "a Job itself",
      "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {template: {metadata: {}}}",
      ["metadata", "labels"],
      true,
    ],
    [
      "not a StatefulSet's volume claim templates (denied by default)",
      "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec: {volumeClaimTemplates: [{metadata: {name: v}}]}",
      ["spec", "volumeClaimTemplates", 0, "metadata", "labels"],
      false,
    ],
    [
      "a ConfigMap's own metadata (Trestle labels every object)",
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {metadata: {}}",
      ["metadata", "labels"],
      true,
    ],
    [
      "not inside a ConfigMap's data",
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {x: {metadata: {}}}",
      ["data", "x", "metadata", "labels"],
      false,
    ],
    [
      "a custom resource's own metadata",
      "apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: t}\nspec: {template: {metadata: {}}}",
      ["metadata", "labels"],
      true,
    ],
    [
      "not a custom resource's nested metadata",
      "apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: t}\nspec: {template: {metadata: {}}}",
      ["spec", "template", "metadata", "labels"],
      false,
    ],
    ["not a List", "apiVersion: v1\nkind: List\nmetadata: {}\nitems: []", ["metadata", "labels"], false],
  ];
  for (const [name, yaml, path, expected] of cases) {
    it(`labels ${name}`, () => {
      const [doc] = labelled(yaml);
      const labels = at(doc, ...path) as Record<string, string> | undefined;
      assert.equal(labels?.["skaffold.dev/run-id"] === "run-1", expected);
    });
  }

  it("leaves a kind denied by the user unlabelled, and follows a user allow path", () => {
    const [c] = labelled("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}", {
      deny: [{ groupKind: "ConfigMap", labels: [".*"] }],
    });
    assert.equal(at(c, "metadata", "labels"), undefined);
    const [t] = labelled(
      "apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: t}\nspec: {pod: {meta: {}}}",
      {
        allow: [{ groupKind: "Thing.example.com", labels: [".spec.pod.meta.tags"] }],
      },
    );
    assert.equal(at(t, "spec", "pod", "meta", "tags", "skaffold.dev/run-id"), "run-1");
  });

  it("changes nothing without labels, and never modifies its input", () => {
    const input = parseManifests("apiVersion: v1\nkind: Pod\nmetadata: {name: p}", "t");
    const before = structuredClone(input);
    assert.deepEqual(setLabels(input, {}, createResourceSelector()), before);
    setLabels(input, RUN, createResourceSelector());
    assert.deepEqual(input, before);
  });
});
