// Conformance cases 43–45 of the debug spec (§C.5): whole manifests through applyDebugTransforms. Where
// Skaffold's tests register a stand-in "test" transformer, these use the JVM transformer (selected by
// runtimeType), which likewise only adds an env var and a port.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseAllDocuments } from "yaml";
import { applyDebugTransforms } from "./apply.js";
import type { ImageConfiguration } from "./types.js";

const HELPERS = { helpersRegistry: "HELPERS" };
const yamlDocs = (text: string): unknown[] => parseAllDocuments(text).map((doc) => doc.toJS() as unknown);

describe("debug spec §C.5 #43 TestTransformManifestDelve", () => {
  it("configures a Pod's Go container for Delve with the go support image", () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      spec: {
        containers: [
          { name: "test", image: "app", command: ["app", "arg"], env: [{ name: "GOMAXPROCS", value: "1" }] },
        ],
      },
    };
    const result = applyDebugTransforms([pod], new Map([["app", {}]]), HELPERS);
    const mount = { name: "debugging-support-files", mountPath: "/dbg" };
    assert.deepEqual(result.manifests, [
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          annotations: { "debug.cloud.google.com/config": '{"test":{"runtime":"go","ports":{"dlv":56268}}}' },
        },
        spec: {
          containers: [
            {
              name: "test",
              image: "app",
              command: [
                "/dbg/go/bin/dlv",
                "exec",
                "--headless",
                "--continue",
                "--accept-multiclient",
                "--listen=:56268",
                "--api-version=2",
                "app",
                "--",
                "arg",
              ],
              env: [{ name: "GOMAXPROCS", value: "1" }],
              ports: [{ name: "dlv", containerPort: 56268 }],
              volumeMounts: [mount],
            },
          ],
          volumes: [{ name: "debugging-support-files", emptyDir: {} }],
          initContainers: [{ name: "install-go-debug-support", image: "HELPERS/go", volumeMounts: [mount] }],
        },
      },
    ]);
    assert.deepEqual(result.warnings, []);
  });

  it("leaves a Pod without a recognisable runtime alone", () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      spec: { containers: [{ name: "test", image: "app", command: ["echo", "Hello World"] }] },
    };
    const result = applyDebugTransforms([pod], new Map([["app", {}]]), HELPERS);
    assert.equal(result.manifests[0], pod);
    assert.match(result.warnings[0]?.message ?? "", /unable to determine runtime/);
  });
});

const JVM: ImageConfiguration = { runtimeType: "jvm" };
const TEMPLATE = `
  template:
    metadata:
      labels:
        app: debug-app
      name: debug-pod
    spec:
      containers:
      - image: gcr.io/k8s-debug/debug-example:latest
        name: example`;
const TRANSFORMED_TEMPLATE = `
  template:
    metadata:
      labels:
        app: debug-app
      name: debug-pod
      annotations:
        debug.cloud.google.com/config: '{"example":{"runtime":"jvm","ports":{"jdwp":5005}}}'
    spec:
      containers:
      - image: gcr.io/k8s-debug/debug-example:latest
        name: example
        env:
        - name: JAVA_TOOL_OPTIONS
          value: -agentlib:jdwp=transport=dt_socket,server=y,address=5005,suspend=n,quiet=y
        ports:
        - name: jdwp
          containerPort: 5005`;

describe("debug spec §C.5 #44 TestApplyDebuggingTransforms", () => {
  // [kind, apiVersion, spec fields before the template, the same after]
  const rows: [string, string, string, string][] = [
    ["Deployment", "apps/v1", "replicas: 10", "replicas: 1"],
    ["ReplicaSet", "apps/v1", "replicas: 10", "replicas: 1"],
    ["StatefulSet", "apps/v1", "replicas: 10\n  serviceName: service", "replicas: 1\n  serviceName: service"],
    ["ReplicationController", "v1", "replicas: 10", "replicas: 1"],
    ["DaemonSet", "apps/v1", "selector: {}", "selector: {}"],
    ["Job", "batch/v1", "backoffLimit: 10", "backoffLimit: 10"],
  ];
  for (const [kind, apiVersion, before, after] of rows) {
    it(`${kind}: replicas and the annotation on the pod template`, () => {
      const header = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: my-${kind.toLowerCase()}\nspec:\n  `;
      const input = yamlDocs(header + before + TEMPLATE);
      const result = applyDebugTransforms(
        input,
        new Map([["gcr.io/k8s-debug/debug-example:latest", JVM]]),
        HELPERS,
      );
      assert.deepEqual(result.manifests, yamlDocs(header + after + TRANSFORMED_TEMPLATE));
    });
  }

  it("skips unhandled kinds such as custom resources", () => {
    const input = yamlDocs(
      "apiVersion: openfaas.com/v1alpha2\nkind: Function\nmetadata:\n  name: f\nspec:\n  image: myfunction",
    );
    const result = applyDebugTransforms(input, new Map([["myfunction", JVM]]), HELPERS);
    assert.equal(result.manifests[0], input[0]);
    assert.deepEqual(result.warnings, []);
  });

  it("transforms each of multiple objects", () => {
    const pod =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod\nspec:\n  containers:\n  - image: img\n    name: example";
    const input = yamlDocs(`${pod}\n---\n${pod}`);
    const result = applyDebugTransforms(input, new Map([["img", JVM]]), HELPERS);
    assert.equal(result.manifests.length, 2);
    for (const manifest of result.manifests) {
      assert.deepEqual((manifest as { metadata: unknown }).metadata, {
        name: "pod",
        annotations: {
          "debug.cloud.google.com/config": '{"example":{"runtime":"jvm","ports":{"jdwp":5005}}}',
        },
      });
    }
  });
});

describe("debug spec §C.5 #45 TestSkipAnnotatedPodSpec", () => {
  it("leaves a pod already annotated with {} unchanged", () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "podname", annotations: { "debug.cloud.google.com/config": "{}" } },
      spec: { containers: [{ name: "name1", image: "image1" }] },
    };
    const copy = structuredClone(pod);
    const result = applyDebugTransforms(
      [pod],
      new Map([["image1", { workingDir: "/a/dir", runtimeType: "go" }]]),
    );
    assert.equal(result.manifests[0], pod);
    assert.deepEqual(pod, copy);
  });
});
