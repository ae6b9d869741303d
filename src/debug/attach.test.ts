import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { attachTargets, describeProtocol } from "./attach.js";

const deployment = (annotation: string | undefined): Record<string, unknown> => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "team" },
  spec: {
    template: {
      metadata:
        annotation === undefined ? {} : { annotations: { "debug.cloud.google.com/config": annotation } },
      spec: { containers: [{ name: "app", image: "x" }] },
    },
  },
});

describe("attachTargets", () => {
  it("lists every debug port of every annotated container", () => {
    const annotation = JSON.stringify({
      app: { artifact: "web", runtime: "go", workingDir: "/src", ports: { dlv: 56268 } },
      side: { runtime: "jvm", ports: { jdwp: 5005 } },
      dotnet: { runtime: "netcore" },
    });
    assert.deepEqual(attachTargets([deployment(annotation)]), [
      {
        resource: "deployment.apps/web",
        name: "web",
        namespace: "team",
        container: "app",
        artifact: "web",
        runtime: "go",
        protocol: "dlv",
        port: 56268,
        workingDir: "/src",
      },
      {
        resource: "deployment.apps/web",
        name: "web",
        namespace: "team",
        container: "side",
        artifact: undefined,
        runtime: "jvm",
        protocol: "jdwp",
        port: 5005,
        workingDir: undefined,
      },
    ]);
  });

  it("reads bare pods and ignores non-workloads, unannotated templates, bad JSON and port 0", () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "p",
        annotations: {
          "debug.cloud.google.com/config": '{"c":{"runtime":"nodejs","ports":{"devtools":9229,"x":0}}}',
        },
      },
      spec: { containers: [] },
    };
    const targets = attachTargets([
      pod,
      deployment(undefined),
      deployment("{not json"),
      { apiVersion: "v1", kind: "Service", metadata: { name: "s" } },
      "text",
    ]);
    assert.deepEqual(
      targets.map((t) => [t.resource, t.container, t.protocol, t.port]),
      [["pod/p", "c", "devtools", 9229]],
    );
  });

  it("explains the protocols", () => {
    assert.match(describeProtocol("dlv"), /Delve/);
    assert.match(describeProtocol("jdwp"), /JDWP/);
    assert.equal(describeProtocol("other"), "other");
  });
});
