// Realistic images end to end: a ko-built Go binary and buildpacks images (Paketo Node.js, Go and Python,
// GCP Python, and a Node.js image of Trestle's Paketo-style test builder built with `trestle debug`'s
// buildpacks env), from image configs as a registry returns them (test/fixtures/debug/*.json).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { applyDebugTransforms } from "./apply.js";
import type { OciImageConfig } from "./image-config.js";
import { imageConfigurationFromOci } from "./image-config.js";
import { goTransformer } from "./runtime-go.js";
import { DLV } from "./testing.js";

const PY_LAUNCHER = ["/dbg/python/launcher", "--mode", "debugpy", "--port", "5678", "--"];
const CNB_PATH = "/cnb/process:/cnb/lifecycle:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const MOUNT = { name: "debugging-support-files", mountPath: "/dbg" };

function fixture(name: string): OciImageConfig {
  return JSON.parse(
    readFileSync(new URL(`../../test/fixtures/debug/${name}.json`, import.meta.url), "utf8"),
  ) as OciImageConfig;
}

/** Debugs a one-container Deployment running `fixture` as artifact `artifact`; returns the pod template. */
function debugDeployment(
  name: string,
  artifact: string,
  container: object = {},
  protocols: string[] = [],
): any {
  const tag = `registry.local/${artifact}:v1`;
  const deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: artifact },
    spec: { replicas: 3, template: { spec: { containers: [{ name: artifact, image: tag, ...container }] } } },
  };
  const images = new Map([[tag, imageConfigurationFromOci(artifact, undefined, fixture(name))]]);
  const result = applyDebugTransforms([deployment], images, { protocols });
  assert.deepEqual(result.warnings, []);
  const out = result.manifests[0] as any;
  assert.equal(out.spec.replicas, 1);
  return out.spec.template;
}

function assertSupport(template: any, runtime: string): void {
  assert.deepEqual(template.spec.volumes, [{ name: "debugging-support-files", emptyDir: {} }]);
  assert.deepEqual(template.spec.initContainers, [
    {
      name: `install-${runtime}-debug-support`,
      image: `gcr.io/k8s-skaffold/skaffold-debug-support/${runtime}`,
      volumeMounts: [MOUNT],
    },
  ]);
  assert.deepEqual(template.spec.containers[0].volumeMounts, [MOUNT]);
}

describe("ko-built Go image", () => {
  it("runs /ko-app/<name> under Delve", () => {
    const template = debugDeployment("ko-hello", "hello");
    const container = template.spec.containers[0];
    assert.deepEqual(container.command, [...DLV, "/ko-app/hello"]);
    assert.equal(container.args, undefined);
    assert.deepEqual(container.ports, [{ name: "dlv", containerPort: 56268 }]);
    assert.equal(
      template.metadata.annotations["debug.cloud.google.com/config"],
      '{"hello":{"artifact":"hello","runtime":"go","ports":{"dlv":56268}}}',
    );
    assertSupport(template, "go");
  });

  it("is recognised by KO_DATA_PATH or by either ko author", () => {
    const config = imageConfigurationFromOci("hello", undefined, fixture("ko-hello"));
    assert.equal(goTransformer.isApplicable(config), true);
    assert.equal(
      goTransformer.isApplicable({ entrypoint: ["/ko-app/hello"], author: "github.com/google/ko" }),
      true,
    );
    assert.equal(
      goTransformer.isApplicable({ entrypoint: ["/ko-app/hello"], author: "github.com/ko-build/ko" }),
      true,
    );
    assert.equal(goTransformer.isApplicable({ entrypoint: ["/ko-app/hello"] }), false);
  });
});

describe("Paketo Node.js image (the npm-start web process)", () => {
  it("adds --inspect to the script and goes through the launcher, as Skaffold does", () => {
    const template = debugDeployment("paketo-nodejs", "example-debug", {
      name: "web",
      ports: [{ containerPort: 3000 }],
    });
    const container = template.spec.containers[0];
    assert.deepEqual(container.command, ["/cnb/lifecycle/launcher"]);
    assert.deepEqual(container.args, ["node --inspect=0.0.0.0:9229 src/index.js"]);
    assert.deepEqual(container.env, [{ name: "PATH", value: `/dbg/nodejs/bin:${CNB_PATH}` }]);
    assert.deepEqual(container.ports, [{ containerPort: 3000 }, { name: "devtools", containerPort: 9229 }]);
    assert.equal(
      template.metadata.annotations["debug.cloud.google.com/config"],
      '{"web":{"artifact":"example-debug","runtime":"nodejs","workingDir":"/workspace","ports":{"devtools":9229}}}',
    );
    assertSupport(template, "nodejs");
  });
});

describe("Paketo-style Node.js image from Trestle's test builder (Platform API 0.15, direct list command)", () => {
  it("execs node with --inspect through the launcher's `--` form, entrypoint /cnb/process/web replaced", () => {
    const template = debugDeployment("trestle-paketo-nodejs", "hello-node");
    const container = template.spec.containers[0];
    assert.deepEqual(container.command, ["/cnb/lifecycle/launcher"]);
    assert.deepEqual(container.args, ["--", "node", "--inspect=0.0.0.0:9229", "server.js"]);
    assert.deepEqual(container.env, [{ name: "PATH", value: `/dbg/nodejs/bin:${CNB_PATH}` }]);
    assert.deepEqual(container.ports, [{ name: "devtools", containerPort: 9229 }]);
    assert.equal(
      template.metadata.annotations["debug.cloud.google.com/config"],
      '{"hello-node":{"artifact":"hello-node","runtime":"nodejs","workingDir":"/workspace","ports":{"devtools":9229}}}',
    );
    assertSupport(template, "nodejs");
  });
});

describe("Paketo Go image (Platform API 0.12, list-form commands)", () => {
  it("recognises Go from the go-dist buildpack and execs Delve directly", () => {
    const template = debugDeployment("paketo-go", "hello");
    const container = template.spec.containers[0];
    assert.deepEqual(container.command, ["/cnb/lifecycle/launcher"]);
    assert.deepEqual(container.args, ["--", ...DLV, "/layers/paketo-buildpacks_go-build/targets/bin/hello"]);
    assert.equal(
      template.metadata.annotations["debug.cloud.google.com/config"],
      '{"hello":{"artifact":"hello","runtime":"go","workingDir":"/workspace","ports":{"dlv":56268}}}',
    );
    assertSupport(template, "go");
  });
});

describe("Paketo Python image (a direct Procfile process)", () => {
  it("starts python through the debug launcher", () => {
    const template = debugDeployment("paketo-python", "app");
    const container = template.spec.containers[0];
    assert.deepEqual(container.command, ["/cnb/lifecycle/launcher"]);
    assert.deepEqual(container.args, ["--", ...PY_LAUNCHER, "python", "app.py"]);
    assert.deepEqual(container.ports, [{ name: "dap", containerPort: 5678 }]);
    assert.equal(
      template.metadata.annotations["debug.cloud.google.com/config"],
      '{"app":{"artifact":"app","runtime":"python","workingDir":"/workspace","ports":{"dap":5678}}}',
    );
    assertSupport(template, "python");
  });

  it("uses pydevd when that protocol is preferred", () => {
    const template = debugDeployment("paketo-python", "app", {}, ["pydevd"]);
    assert.deepEqual((template.spec.containers[0].args as string[]).slice(0, 4), [
      "--",
      "/dbg/python/launcher",
      "--mode",
      "pydevd",
    ]);
    assert.deepEqual(template.spec.containers[0].ports, [{ name: "pydevd", containerPort: 5678 }]);
  });
});

describe("GCP buildpacks Python image (Platform API 0.3, `/bin/bash -c` Procfile process)", () => {
  it("rewrites the script and keeps the launcher entrypoint", () => {
    const template = debugDeployment("gcp-python", "svc");
    const container = template.spec.containers[0];
    assert.equal(container.command, undefined);
    assert.deepEqual(container.args, [
      "/dbg/python/launcher --mode debugpy --port 5678 -- python3 main.py --port $PORT",
    ]);
    assertSupport(template, "python");
  });
});
