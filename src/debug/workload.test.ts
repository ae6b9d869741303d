// Workload-level behaviour of applyDebugTransforms beyond the spec's cases: kinds, replicas, image
// matching, support files, the annotation, port collisions, env write-back, purity and warnings.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyDebugTransforms } from "./apply.js";
import type { ImageConfiguration } from "./types.js";

const GO: ImageConfiguration = { artifact: "app", env: { GOMAXPROCS: "1" }, entrypoint: ["/app"] };
const NODE: ImageConfiguration = { artifact: "web", entrypoint: ["node", "server.js"] };
const JVM: ImageConfiguration = { artifact: "svc", runtimeType: "jvm" };
const IMAGES = new Map<string, ImageConfiguration>([
  ["app:1", GO],
  ["web:1", NODE],
  ["svc:1", JVM],
]);
const ANNOTATION = "debug.cloud.google.com/config";

function pod(containers: object[], extra: object = {}): Record<string, any> {
  return { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers, ...extra } };
}

function workload(apiVersion: string, kind: string, spec: object = {}): Record<string, any> {
  return {
    apiVersion,
    kind,
    metadata: { name: "w" },
    spec: { ...spec, template: { spec: { containers: [{ name: "c", image: "app:1" }] } } },
  };
}

function debugOne(manifest: object, images: ReadonlyMap<string, ImageConfiguration> = IMAGES): any {
  return applyDebugTransforms([manifest], images).manifests[0];
}

describe("workload kinds", () => {
  const rows: [string, string, boolean][] = [
    ["v1", "ReplicationController", true],
    ["apps/v1", "Deployment", true],
    ["apps/v1", "ReplicaSet", true],
    ["apps/v1", "StatefulSet", true],
    ["apps/v1", "DaemonSet", false],
    ["batch/v1", "Job", false],
  ];
  for (const [apiVersion, kind, hasReplicas] of rows) {
    it(`${apiVersion} ${kind}: annotates the template, replicas ${hasReplicas ? "forced to 1" : "untouched"}`, () => {
      const out = debugOne(workload(apiVersion, kind, { replicas: 4 }));
      assert.match(out.spec.template.metadata.annotations[ANNOTATION], /"runtime":"go"/);
      assert.equal(out.spec.replicas, hasReplicas ? 1 : 4);
    });
  }

  it("leaves replicas unset when they were unset", () => {
    assert.equal("replicas" in debugOne(workload("apps/v1", "Deployment")).spec, false);
  });

  it("keeps replicas when no container is one of our images", () => {
    const input = workload("apps/v1", "Deployment", { replicas: 4 });
    assert.equal(debugOne(input, new Map()), input);
  });

  it("transforms every pod of a PodList", () => {
    const list = {
      apiVersion: "v1",
      kind: "PodList",
      items: [pod([{ name: "a", image: "app:1" }]), pod([{ name: "b", image: "svc:1" }])],
    };
    const out = debugOne(list);
    assert.equal(
      out.items[0].metadata.annotations[ANNOTATION],
      '{"a":{"artifact":"app","runtime":"go","ports":{"dlv":56268}}}',
    );
    assert.equal(
      out.items[1].metadata.annotations[ANNOTATION],
      '{"b":{"artifact":"svc","runtime":"jvm","ports":{"jdwp":5005}}}',
    );
  });

  it("warns about CronJobs and deprecated apps/batch versions, as Skaffold does, and leaves them alone", () => {
    const cronJob = {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "nightly" },
      spec: { jobTemplate: {} },
    };
    const old = workload("apps/v1beta1", "Deployment");
    const result = applyDebugTransforms([cronJob, old, null, "text"], IMAGES);
    assert.deepEqual(result.manifests, [cronJob, old, null, "text"]);
    assert.deepEqual(result.warnings, [
      { resource: "cronjob.batch/nightly", message: "no debug transformation for this kind" },
      { resource: "deployment.apps/w", message: "deprecated version v1beta1 is not supported by debug" },
    ]);
  });
});

describe("image matching", () => {
  it("matches the built reference or the artifact's image name, and skips other images", () => {
    const out = debugOne(
      pod([
        { name: "by-tag", image: "web:1" },
        { name: "by-name", image: "svc" },
        { name: "sidecar", image: "envoy:1.30" },
      ]),
    );
    assert.deepEqual(Object.keys(JSON.parse(out.metadata.annotations[ANNOTATION])), ["by-name", "by-tag"]);
    assert.deepEqual(out.spec.containers[2], { name: "sidecar", image: "envoy:1.30" });
  });
});

describe("support files and the annotation", () => {
  it("adds one init container per runtime in order of first use, and mounts /dbg only where needed", () => {
    const input = pod(
      [
        { name: "b", image: "web:1" },
        { name: "j", image: "svc:1" },
        { name: "a", image: "app:1" },
        { name: "a2", image: "app:1" },
      ],
      {
        initContainers: [{ name: "migrate", image: "migrate:1" }],
        volumes: [{ name: "data", emptyDir: {} }],
      },
    );
    const out = applyDebugTransforms([input], IMAGES, { helpersRegistry: "registry.local/helpers" })
      .manifests[0] as any;
    assert.deepEqual(
      (out.spec.initContainers as any[]).map((c) => [c.name, c.image]),
      [
        ["migrate", "migrate:1"],
        ["install-nodejs-debug-support", "registry.local/helpers/nodejs"],
        ["install-go-debug-support", "registry.local/helpers/go"],
      ],
    );
    assert.deepEqual(out.spec.volumes, [
      { name: "data", emptyDir: {} },
      { name: "debugging-support-files", emptyDir: {} },
    ]);
    assert.deepEqual(
      (out.spec.containers as any[]).map((c) => c.volumeMounts?.length ?? 0),
      [1, 0, 1, 1],
    );
    assert.equal(
      out.metadata.annotations[ANNOTATION],
      '{"a":{"artifact":"app","runtime":"go","ports":{"dlv":56268}},' +
        '"a2":{"artifact":"app","runtime":"go","ports":{"dlv":56269}},' +
        '"b":{"artifact":"web","runtime":"nodejs","ports":{"devtools":9229}},' +
        '"j":{"artifact":"svc","runtime":"jvm","ports":{"jdwp":5005}}}',
    );
  });

  it("records the working directory (the container's, else the image's) and escapes like Go", () => {
    const images = new Map([["app:1", { ...GO, artifact: "a<b>&c", workingDir: "/srv" }]]);
    const fromImage = debugOne(pod([{ name: "c", image: "app:1" }]), images);
    assert.equal(
      fromImage.metadata.annotations[ANNOTATION],
      '{"c":{"artifact":"a\\u003cb\\u003e\\u0026c","runtime":"go","workingDir":"/srv","ports":{"dlv":56268}}}',
    );
    const fromContainer = debugOne(pod([{ name: "c", image: "app:1", workingDir: "/app" }]), images);
    assert.match(fromContainer.metadata.annotations[ANNOTATION], /"workingDir":"\/app"/);
  });
});

describe("ports", () => {
  it("allocates around ports used by other containers of the pod", () => {
    const out = debugOne(
      pod([
        { name: "proxy", image: "envoy", ports: [{ containerPort: 56268 }, { containerPort: 56269 }] },
        { name: "c", image: "app:1" },
      ]),
    );
    assert.deepEqual(out.spec.containers[1].ports, [{ name: "dlv", containerPort: 56270 }]);
    assert.ok((out.spec.containers[1].command as string[]).includes("--listen=:56270"));
  });

  it("replaces a clashing port of the same container and says so", () => {
    const input = pod([
      {
        name: "c",
        image: "app:1",
        ports: [
          { name: "http", containerPort: 8080, protocol: "TCP" },
          { name: "dlv", containerPort: 40000 },
        ],
      },
    ]);
    const result = applyDebugTransforms([input], IMAGES);
    const out = result.manifests[0] as any;
    assert.deepEqual(out.spec.containers[0].ports, [
      { name: "http", containerPort: 8080, protocol: "TCP" },
      { name: "dlv", containerPort: 56268 },
    ]);
    assert.deepEqual(result.warnings, [
      { resource: "pod/p", container: "c", message: 'moved port "dlv" from 40000 to 56268 for debugging' },
    ]);
  });
});

describe("container write-back", () => {
  it("keeps valueFrom entries and unrelated fields untouched", () => {
    const secret = { name: "TOKEN", valueFrom: { secretKeyRef: { name: "s", key: "k" } } };
    const out = debugOne(
      pod([{ name: "c", image: "web:1", env: [secret], resources: { limits: { cpu: "1" } } }]),
    );
    const container = out.spec.containers[0];
    assert.deepEqual(container.env, [secret, { name: "PATH", value: "/dbg/nodejs/bin" }]);
    assert.deepEqual(container.resources, { limits: { cpu: "1" } });
  });

  it("replaces a valueFrom variable it has to set, with a warning", () => {
    const jto = { name: "JAVA_TOOL_OPTIONS", valueFrom: { configMapKeyRef: { name: "m", key: "k" } } };
    const result = applyDebugTransforms([pod([{ name: "c", image: "svc:1", env: [jto] }])], IMAGES);
    const env = (result.manifests[0] as any).spec.containers[0].env;
    assert.deepEqual(env, [
      {
        name: "JAVA_TOOL_OPTIONS",
        value: "-agentlib:jdwp=transport=dt_socket,server=y,address=5005,suspend=n,quiet=y",
      },
    ]);
    assert.match(result.warnings[0]?.message ?? "", /valueFrom/);
  });

  it("does not re-quote an `sh -c` command whose transform only changed the environment", () => {
    const command = ["/bin/sh", "-c", "java -jar app.jar"];
    const out = debugOne(pod([{ name: "c", image: "svc:1", command }]));
    assert.deepEqual(out.spec.containers[0].command, command);
  });

  it("skips a malformed container with a warning", () => {
    const result = applyDebugTransforms([pod([{ name: "c", image: "app:1", command: "/app" }])], IMAGES);
    assert.deepEqual(result.warnings, [
      {
        resource: "pod/p",
        container: "c",
        message: "not configured for debugging: command and args must be lists of strings",
      },
    ]);
  });
});

describe("purity", () => {
  it("never modifies its input and returns unchanged documents as they are", () => {
    const manifests = [
      pod([{ name: "c", image: "app:1" }]),
      workload("apps/v1", "Deployment", { replicas: 2 }),
      pod([]),
    ];
    const snapshot = structuredClone(manifests);
    const result = applyDebugTransforms(manifests, IMAGES);
    assert.deepEqual(manifests, snapshot);
    assert.notEqual(result.manifests[0], manifests[0]);
    assert.equal(result.manifests[2], manifests[2]);
    assert.deepEqual(applyDebugTransforms(manifests, IMAGES), result, "deterministic");
  });

  it("is idempotent: a transformed pod is recognised by its annotation", () => {
    const once = applyDebugTransforms([pod([{ name: "c", image: "app:1" }])], IMAGES).manifests;
    const twice = applyDebugTransforms(once, IMAGES).manifests;
    assert.equal(twice[0], once[0]);
  });
});
