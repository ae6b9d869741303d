import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { imageConfigurationFromOci } from "./image-config.js";
import { attachLine, forwardedPort, parseAttachLine, planDebug, warningLine } from "./session.js";

const goImage = imageConfigurationFromOci("web", undefined, {
  config: { Entrypoint: ["/app/web"], Env: ["GOTRACEBACK=all"] },
});
const jvmImage = imageConfigurationFromOci("api", "jvm", { config: { Cmd: ["java", "-jar", "api.jar"] } });

function deployment(name: string, image: string): Record<string, unknown> {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "team" },
    spec: { replicas: 2, template: { spec: { containers: [{ name, image }] } } },
  };
}

describe("planDebug", () => {
  it("rewrites the workloads of built images and lists their debug ports in manifest order", () => {
    const service = { apiVersion: "v1", kind: "Service", metadata: { name: "web" } };
    const plan = planDebug(
      [deployment("web", "reg/web:1"), service, deployment("api", "reg/api:1"), deployment("db", "postgres")],
      new Map([
        ["reg/web:1", goImage],
        ["reg/api:1", jvmImage],
      ]),
      { helpersRegistry: "localhost:5000/dbg" },
    );
    assert.deepEqual(
      plan.targets.map((t) => [t.resource, t.container, t.runtime, t.protocol, t.port, t.namespace]),
      [
        ["deployment.apps/web", "web", "go", "dlv", 56268, "team"],
        ["deployment.apps/api", "api", "jvm", "jdwp", 5005, "team"],
      ],
    );
    assert.equal(plan.manifests[1], service, "documents that are not workloads come back unchanged");
    const web = plan.manifests[0] as {
      spec: { replicas: number; template: { spec: { initContainers: { image: string }[] } } };
    };
    assert.equal(web.spec.replicas, 1);
    assert.equal(web.spec.template.spec.initContainers[0]?.image, "localhost:5000/dbg/go");
    assert.deepEqual(plan.warnings, []);
  });

  it("passes the transforms' warnings through (a CronJob is not transformed)", () => {
    const cron = { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "nightly" }, spec: {} };
    const plan = planDebug([cron], new Map([["reg/web:1", goImage]]));
    assert.deepEqual(plan.targets, []);
    assert.equal(plan.warnings.length, 1);
    assert.match(warningLine(plan.warnings[0]!), /^debug: cronjob\.batch\/nightly: /);
  });
});

describe("attach lines", () => {
  const target = {
    resource: "deployment.apps/web",
    name: "web",
    container: "web",
    runtime: "go",
    protocol: "dlv",
    port: 56268,
  };

  it("name the local port and how the protocol is spoken, and parse back", () => {
    const line = attachLine(target, 40123);
    assert.equal(
      line,
      "Debug deployment.apps/web container web (go): dlv on 127.0.0.1:40123 - Delve (dlv connect, or an IDE's Go remote attach)",
    );
    assert.deepEqual(parseAttachLine(line), {
      resource: "deployment.apps/web",
      container: "web",
      runtime: "go",
      protocol: "dlv",
      localPort: 40123,
    });
  });

  it("say how to forward by hand when the port is not forwarded", () => {
    const line = attachLine(target, undefined);
    assert.match(
      line,
      /dlv on container port 56268 \(not forwarded: kubectl port-forward deployment\.apps\/web <local>:56268\)/,
    );
    assert.equal(parseAttachLine(line), undefined);
  });
});

describe("forwardedPort", () => {
  const target = {
    resource: "deployment.apps/web",
    name: "web",
    container: "web",
    runtime: "go",
    protocol: "dlv",
    port: 56268,
  };
  const forward = (
    resource: string,
    localPort: number,
    pod?: string,
    remotePort: number | string = 56268,
  ) => ({
    resource,
    namespace: "dev",
    remotePort,
    localPort,
    pod,
  });

  it("finds the forward of a pod of the workload, preferring a live one, then the newest", () => {
    const forwards = [
      forward("service/web", 8080, "web-1-a", 8080),
      forward("pod/web-1-a", 40001, undefined),
      forward("pod/web-2-b", 40002, "web-2-b"),
      forward("pod/web-3-c", 40003, undefined),
      forward("pod/webapp-1-d", 40004, "webapp-1-d"),
    ];
    assert.equal(forwardedPort(target, forwards, ["dev"]), 40002);
    assert.equal(forwardedPort(target, forwards.slice(0, 2), ["dev"]), 40001);
  });

  it("matches the port, the namespace and a forward of the workload itself", () => {
    assert.equal(forwardedPort(target, [forward("pod/web-1-a", 1, "p", 8080)], ["dev"]), undefined);
    assert.equal(forwardedPort(target, [forward("pod/web-1-a", 1, "p")], ["prod"]), undefined);
    assert.equal(forwardedPort({ ...target, namespace: "dev" }, [forward("pod/web-1-a", 2, "p")], []), 2);
    assert.equal(forwardedPort(target, [forward("deployment/web", 3, "p", "56268")], ["dev"]), 3);
    const pod = { ...target, resource: "pod/web", name: "web" };
    assert.equal(
      forwardedPort(pod, [forward("pod/web", 4, "web"), forward("pod/web-x", 5, "web-x")], ["dev"]),
      4,
    );
  });
});
