import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { classifyKubeError, kubeError } from "./errors.js";
import { exitCodeOf } from "./exec.js";
import { ApiStatusError } from "./http.js";
import { objectsOfJson, refsOfNames, refsOfYaml } from "./kubectl.js";
import { splitTimestamp } from "./logs.js";

describe("kube adapter: pure parts", () => {
  it("reads applied objects from kubectl's JSON (a List or one object)", () => {
    const list = JSON.stringify({
      kind: "List",
      items: [
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "web", namespace: "a", generation: 2 },
        },
        { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "a", labels: { x: "y" } } },
      ],
    });
    assert.deepEqual(
      objectsOfJson(list).map((o) => [o.kind, o.name, o.generation, o.labels]),
      [
        ["Deployment", "web", 2, {}],
        ["Service", "web", undefined, { x: "y" }],
      ],
    );
    assert.equal(
      objectsOfJson(JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" } }))[0]?.name,
      "p",
    );
    assert.deepEqual(objectsOfJson(""), []);
  });
  it("reads deleted names and the objects a YAML names", () => {
    assert.deepEqual(refsOfNames("deployment.apps/web\npod/p\n", "ns"), [
      { apiVersion: "apps/", kind: "deployment", name: "web", namespace: "ns" },
      { apiVersion: "v1", kind: "pod", name: "p", namespace: "ns" },
    ]);
    assert.deepEqual(
      refsOfYaml(
        "kind: Pod\nmetadata: {name: a}\n---\nkind: Service\nmetadata: {name: b, namespace: x}\n",
        "d",
      ),
      [
        { apiVersion: "v1", kind: "Pod", name: "a", namespace: "d" },
        { apiVersion: "v1", kind: "Service", name: "b", namespace: "x" },
      ],
    );
  });
  it("splits kubelet timestamps from log text", () => {
    assert.deepEqual(splitTimestamp("2026-11-22T06:23:53.311689967Z hello world"), {
      timestamp: "2026-11-22T06:23:53.311689967Z",
      text: "hello world",
    });
    assert.deepEqual(splitTimestamp("no time"), { timestamp: "", text: "no time" });
  });
  it("decodes exec exit codes from the final Status", () => {
    assert.equal(exitCodeOf({ status: "Success" }), 0);
    assert.equal(
      exitCodeOf({
        status: "Failure",
        reason: "NonZeroExitCode",
        details: { causes: [{ reason: "ExitCode", message: "3" }] },
      }),
      3,
    );
    assert.equal(exitCodeOf({ status: "Failure", message: "executable file not found" }), undefined);
  });
  it("classifies API failures into clear errors", () => {
    assert.equal(classifyKubeError(new ApiStatusError(403, "pods is forbidden")), "forbidden");
    assert.equal(classifyKubeError(new ApiStatusError(404, "x")), "not-found");
    assert.equal(
      classifyKubeError(Object.assign(new Error("connect"), { code: "ECONNREFUSED" })),
      "unreachable",
    );
    const err = kubeError(
      "list pods",
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
      "dev",
    );
    assert.equal(err.code, "KUBE_UNREACHABLE");
    assert.match(err.message, /context 'dev'/);
    assert.ok(err.hint);
  });
});
