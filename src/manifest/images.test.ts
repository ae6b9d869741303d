import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ResourceSelectorConfig } from "../config/schema/index.js";
import { collectImages, replaceImages } from "./images.js";
import { createResourceSelector } from "./selector.js";
import { parseManifests } from "./yaml.js";

const BUILT = [
  { imageName: "app", tag: "localhost:5000/app:v1@sha256:" + "a".repeat(64) },
  { imageName: "localhost:5000/web", tag: "localhost:5000/web:v2" },
  { imageName: "github.com/org/tool", tag: "localhost:5000/tool:v3" },
];
const APP = BUILT[0]?.tag ?? "";

const deployment = (image: string, init = "busybox"): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers: [{name: i, image: ${init}}]
      containers: [{name: c, image: "${image}"}]
`;

function imagesAfter(yaml: string, rules?: ResourceSelectorConfig): string[] {
  const selector = createResourceSelector(rules);
  return collectImages(
    replaceImages(parseManifests(yaml, "t"), BUILT, createResourceSelector(rules)),
    selector,
  );
}

describe("replaceImages", () => {
  const cases: readonly [string, string, readonly string[]][] = [
    ["a bare name", deployment("app"), ["busybox", APP]],
    ["a name with a tag", deployment("app:old"), ["busybox", APP]],
    ["an init container", deployment("nginx", "app"), [APP, "nginx"]],
    [
      "a name pinned by digest (left alone)",
      deployment(`app@sha256:${"b".repeat(64)}`),
      ["busybox", `app@sha256:${"b".repeat(64)}`],
    ],
    ["a name with a registry", deployment("localhost:5000/web:latest"), ["busybox", "localhost:5000/web:v2"]],
    ["another image (left alone)", deployment("nginx:1.25"), ["busybox", "nginx:1.25"]],
    ["an image that only starts with the name", deployment("application"), ["busybox", "application"]],
    [
      "a ko:// import path with capitals",
      deployment("ko://github.com/Org/Tool"),
      ["busybox", "localhost:5000/tool:v3"],
    ],
    [
      "an unrendered template (left alone)",
      deployment("{{.Values.image}}"),
      ["busybox", "{{.Values.image}}"],
    ],
    ["Helm v1 imageStrategy helm: <name>:<name>", deployment("app:app"), ["busybox", APP]],
    ["Helm v1 explicitRegistry: <name>/<name>:<name>", deployment("app/app:app"), ["busybox", APP]],
  ];
  for (const [name, yaml, expected] of cases) {
    it(`replaces ${name}`, () => {
      assert.deepEqual(imagesAfter(yaml), expected);
    });
  }

  it("reaches every workload kind: Pod, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, ReplicationController", () => {
    const yaml = [
      "apiVersion: v1\nkind: Pod\nspec: {containers: [{image: app}]}",
      "apiVersion: apps/v1\nkind: ReplicaSet\nspec: {template: {spec: {containers: [{image: app}]}}}",
      "apiVersion: apps/v1\nkind: StatefulSet\nspec: {template: {spec: {containers: [{image: app}]}}}",
      "apiVersion: apps/v1\nkind: DaemonSet\nspec: {template: {spec: {containers: [{image: app}]}}}",
      "apiVersion: batch/v1\nkind: Job\nspec: {template: {spec: {containers: [{image: app}]}}}",
      "apiVersion: batch/v1\nkind: CronJob\nspec: {jobTemplate: {spec: {template: {spec: {containers: [{image: app}]}}}}}",
    ].join("\n---\n");
    const out = replaceImages(parseManifests(yaml, "t"), BUILT, createResourceSelector());
    assert.equal(JSON.stringify(out).split(APP).length - 1, 6);
  });

  it("leaves kinds off the allow list alone, and the input unmodified", () => {
    const yaml =
      "apiVersion: v1\nkind: ConfigMap\ndata: {image: app}\n---\napiVersion: example.com/v1\nkind: Thing\nspec: {image: app}\n";
    const input = parseManifests(yaml, "t");
    const before = structuredClone(input);
    const out = replaceImages(input, BUILT, createResourceSelector());
    assert.deepEqual(out, before);
    assert.deepEqual(input, before);
  });

  it("replaces images in ReplicationControllers only when the allow list names them (Skaffold's default does not)", () => {
    const yaml =
      "apiVersion: v1\nkind: ReplicationController\nspec: {template: {spec: {containers: [{image: app}]}}}\n";
    assert.deepEqual(imagesAfter(yaml), []);
    const allowed = createResourceSelector({
      allow: [{ groupKind: "ReplicationController", image: [".*"] }],
    });
    const out = replaceImages(parseManifests(yaml, "t"), BUILT, allowed);
    assert.deepEqual(collectImages(out, allowed), [APP]);
  });

  it("follows user allow paths for custom resources (list indexes and .* dropped)", () => {
    const yaml =
      "apiVersion: example.com/v1\nkind: Thing\nspec: {runner: {image: app}, other: {image: app}, items: [{img: app}]}\n";
    const rules = {
      allow: [{ groupKind: "Thing.example.com", image: [".spec.runner.image", ".spec.items.*.img"] }],
    };
    const [out] = replaceImages(parseManifests(yaml, "t"), BUILT, createResourceSelector(rules));
    assert.deepEqual(out?.["spec"], {
      runner: { image: APP },
      other: { image: "app" },
      items: [{ img: APP }],
    });
  });

  it("follows user deny rules: a whole kind, or one path", () => {
    assert.deepEqual(
      imagesAfter(deployment("app"), { deny: [{ groupKind: "Deployment.apps", image: [".*"] }] }),
      [],
    );
    const yaml = deployment("app", "app");
    const rules = {
      allow: [{ groupKind: "Deployment.apps", image: [".*"] }],
    };
    assert.deepEqual(imagesAfter(yaml, rules), [APP, APP]);
    const onePath = createResourceSelector({
      deny: [{ groupKind: "Deployment.apps", image: [".spec.template.spec.initContainers.image"] }],
    });
    // A denied kind is not traversed at all (Skaffold removes it from the allow list).
    const [out] = replaceImages(parseManifests(yaml, "t"), BUILT, onePath);
    assert.match(JSON.stringify(out), /"image":"app"/);
    assert.doesNotMatch(JSON.stringify(out), /localhost:5000\/app/);
  });

  it("replaces Config Connector images without an allow entry", () => {
    const yaml =
      "apiVersion: run.cnrm.cloud.google.com/v1beta1\nkind: RunService\nspec: {template: {containers: [{image: app}]}}\n";
    const out = replaceImages(parseManifests(yaml, "t"), BUILT, createResourceSelector());
    assert.match(JSON.stringify(out), new RegExp(APP.replace(/[.$]/g, "\\$&")));
  });
});
