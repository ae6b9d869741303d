import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createResourceSelector } from "../../manifest/selector.js";
import { hydrate } from "../../render/hydrate.js";
import { parseRemoteEntry, remoteReader, unpinBuiltImages, withoutServerFields } from "./remote.js";

describe("deploy.kubectl.remoteManifests entries", () => {
  const valid: [string, string | undefined, string][] = [
    ["deployment/web", undefined, "deployment/web"],
    ["staging:deployment/web", "staging", "deployment/web"],
    ["deployments.apps/web", undefined, "deployments.apps/web"],
    [" team : configmap/settings ", "team", "configmap/settings"],
  ];
  for (const [entry, namespace, resource] of valid) {
    test(`${JSON.stringify(entry)} → namespace ${String(namespace)}, ${resource}`, () => {
      assert.deepEqual(parseRemoteEntry(entry), { namespace, resource });
    });
  }

  for (const entry of [
    "web",
    "deployment/",
    "/web",
    ":deployment/web",
    "a:b:deployment/web",
    "a/b/c",
    "deployment web",
  ]) {
    test(`${JSON.stringify(entry)} is refused with a hint`, () => {
      assert.throws(
        () => parseRemoteEntry(entry),
        (error: Error & { code?: string; hint?: string }) =>
          error.code === "KUBECTL_REMOTE_MANIFEST_INVALID" &&
          /not kind\/name or namespace:kind\/name/.test(error.message) &&
          /deployment\/web/.test(error.hint ?? ""),
      );
    });
  }

  test("an entry is read in its namespace, else the deploy's, without the server's fields", async () => {
    const calls: [string, string | undefined][] = [];
    const read = remoteReader(() => ({
      read: (resource, options) => {
        calls.push([resource, options?.namespace]);
        return Promise.resolve([{ kind: "Deployment", metadata: { name: "web", uid: "u" }, status: {} }]);
      },
    }));
    const signal = new AbortController().signal;
    assert.deepEqual(await read("ops:deployment/web", "mine", signal), [
      { kind: "Deployment", metadata: { name: "web" } },
    ]);
    await read("deployment/web", "mine", signal);
    await read("deployment/web", undefined, signal);
    assert.deepEqual(calls, [
      ["deployment/web", "ops"],
      ["deployment/web", "mine"],
      ["deployment/web", undefined],
    ]);
  });

  test("a missing object fails with the entry and kubectl's message", async () => {
    const read = remoteReader(() => ({
      read: () => Promise.reject(new Error('deployments.apps "web" not found')),
    }));
    await assert.rejects(
      read("deployment/web", undefined, new AbortController().signal),
      (error: Error & { code?: string }) =>
        error.code === "KUBECTL_REMOTE_MANIFEST_FAILED" &&
        /remote manifest deployment\/web: deployments.apps "web" not found/.test(error.message),
    );
  });
});

describe("remote objects before they are applied again", () => {
  const fetched = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: "web",
      namespace: "ops",
      uid: "1234",
      resourceVersion: "99",
      generation: 3,
      creationTimestamp: "2026-01-01T00:00:00Z",
      managedFields: [{ manager: "kubectl" }],
      labels: { app: "web" },
      annotations: {
        "deployment.kubernetes.io/revision": "3",
        "kubectl.kubernetes.io/last-applied-configuration": "{}",
        team: "blue",
      },
    },
    spec: {
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          containers: [
            { name: "web", image: "localhost:5000/web:old@sha256:" + "b".repeat(64) },
            { name: "proxy", image: "envoy@sha256:" + "c".repeat(64) },
          ],
        },
      },
    },
    status: { replicas: 1 },
  };

  test("server-owned fields are dropped, the user's kept", () => {
    const clean = withoutServerFields(fetched) as typeof fetched;
    assert.deepEqual(Object.keys(clean.metadata).sort(), ["annotations", "labels", "name", "namespace"]);
    assert.deepEqual(clean.metadata.annotations, { team: "blue" });
    assert.equal("status" in clean, false);
    assert.deepEqual(clean.spec, fetched.spec);
    assert.equal(fetched.metadata.uid, "1234", "the input is not modified");
  });

  test("a built image pinned by the previous deploy is replaced again; other pinned images are not", () => {
    const selector = createResourceSelector();
    const builds = [
      { imageName: "localhost:5000/web", tag: "localhost:5000/web:new@sha256:" + "d".repeat(64) },
    ];
    const unpinned = unpinBuiltImages([withoutServerFields(fetched)], builds, selector);
    const out = hydrate(unpinned, { images: builds, selector, labels: { "skaffold.dev/run-id": "r1" } })
      .manifests[0] as typeof fetched;
    const images = out.spec.template.spec.containers.map((c) => c.image);
    assert.deepEqual(images, [builds[0]?.tag, fetched.spec.template.spec.containers[1]?.image]);
    assert.equal((out.metadata.labels as Record<string, string>)["skaffold.dev/run-id"], "r1");
  });
});
