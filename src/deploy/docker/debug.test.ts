import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planDockerDebug } from "../../debug/docker.js";
import { parseAttachLine } from "../../debug/session.js";
import { dockerAttachLines, supportVolume } from "./debug.js";

describe("docker debug attach lines", () => {
  it("name the container, runtime, protocol and the published local port", () => {
    const outcome = planDockerDebug(
      "web",
      "reg/web:1",
      { artifact: "web", env: { NODE_VERSION: "18" }, cmd: ["node", "server.js"] },
      { helpersRegistry: "localhost:5000/dbg" },
    );
    assert.ok(outcome.ok);
    const overrides = {
      env: outcome.plan.env,
      binds: [`${supportVolume("web")}:/dbg`],
      labels: outcome.plan.labels,
      ports: new Map([["devtools", "9229/tcp"]]),
      plan: outcome.plan,
    };
    const [line, ...rest] = dockerAttachLines("web", overrides, new Map([["9229/tcp", 40001]]));
    assert.deepEqual(rest, []);
    assert.deepEqual(parseAttachLine(line ?? ""), {
      resource: "container/web",
      container: "web",
      runtime: "nodejs",
      protocol: "devtools",
      localPort: 40001,
    });
    assert.equal(supportVolume("web"), "trestle-debug-web");
  });
});
