import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planDockerDebug } from "./docker.js";
import { DLV } from "./testing.js";

const helpersRegistry = "localhost:5000/trestle/debug-support";

describe("planDockerDebug", () => {
  it("runs a Go entrypoint under Delve, with the go support image and its port", () => {
    const outcome = planDockerDebug(
      "hello",
      "img",
      { artifact: "hello", entrypoint: ["/hello-go"], env: { GOTRACEBACK: "single" } },
      { helpersRegistry, usedPorts: [8080] },
    );
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.plan.entrypoint, [...DLV, "/hello-go"]);
    assert.equal(outcome.plan.cmd, undefined);
    assert.deepEqual(outcome.plan.ports, ["56268/tcp"]);
    assert.deepEqual(outcome.plan.supportImages, [`${helpersRegistry}/go`]);
    assert.equal(outcome.plan.supportMountPath, "/dbg");
    assert.deepEqual(outcome.plan.labels, {
      "debug.cloud.google.com/config": '{"hello":{"artifact":"hello","runtime":"go","ports":{"dlv":56268}}}',
    });
  });

  it("rewrites a Node.js CMD and puts the node wrapper first on the image's PATH", () => {
    const outcome = planDockerDebug(
      "web",
      "img",
      { cmd: ["node", "server.js"], env: { PATH: "/usr/bin", NODE_VERSION: "18" }, workingDir: "/app" },
      { helpersRegistry },
    );
    assert.ok(outcome.ok);
    assert.equal(outcome.plan.entrypoint, undefined);
    assert.deepEqual(outcome.plan.cmd, ["node", "--inspect=0.0.0.0:9229", "server.js"]);
    assert.deepEqual(outcome.plan.env, ["PATH=/dbg/nodejs/bin:/usr/bin"]);
    assert.deepEqual(outcome.plan.debug, {
      runtime: "nodejs",
      workingDir: "/app",
      ports: { devtools: 9229 },
    });
  });

  it("configures the JVM through the environment only, with no support image", () => {
    const outcome = planDockerDebug("api", "img", { cmd: ["java", "-jar", "a.jar"] }, { helpersRegistry });
    assert.ok(outcome.ok);
    assert.equal(outcome.plan.cmd, undefined);
    assert.deepEqual(outcome.plan.env, [
      "JAVA_TOOL_OPTIONS=-agentlib:jdwp=transport=dt_socket,server=y,address=5005,suspend=n,quiet=y",
    ]);
    assert.deepEqual(outcome.plan.supportImages, []);
    assert.equal(outcome.plan.supportMountPath, undefined);
  });

  it("moves a debug port off a port the container already uses", () => {
    const outcome = planDockerDebug("api", "img", { cmd: ["java"] }, { helpersRegistry, usedPorts: [5005] });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.plan.ports, ["5006/tcp"]);
  });

  it("says why an image of an unknown runtime is run as usual", () => {
    const outcome = planDockerDebug("x", "img", { entrypoint: ["/bin/sh"] }, { helpersRegistry });
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && /runtime/.test(outcome.reason));
  });
});
