import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { automaticLocalPort, candidatePorts, forwardTable, parsePortForwardModes } from "./ports.js";

describe("port forwarding choices", () => {
  it("tries the requested port, the next ten, Skaffold's fallback range, then any port", () => {
    const c = candidatePorts(8080, new Set([8081]));
    assert.deepEqual(c.slice(0, 3), [8080, 8082, 8083]);
    assert.equal(c.includes(8081), false);
    assert.equal(c[10], 4503);
    assert.equal(c.at(-1), 0);
    assert.equal(candidatePorts(undefined, new Set([4503]))[0], 4504);
  });
  it("keeps unprivileged remote ports for automatic forwards", () => {
    assert.equal(automaticLocalPort(8080), 8080);
    assert.equal(automaticLocalPort(80), undefined);
    assert.equal(automaticLocalPort("http"), undefined);
  });
  it("parses --port-forward modes", () => {
    assert.deepEqual([...parsePortForwardModes(["user,services"])], ["user", "services"]);
    assert.deepEqual([...parsePortForwardModes(["off"])], []);
    assert.deepEqual([...parsePortForwardModes(["true"], true)], ["user", "services", "debug"]);
    assert.throws(() => parsePortForwardModes(["everything"]), /unknown --port-forward mode/);
  });
  it("prints a table of forwards", () => {
    const table = forwardTable([
      {
        resource: "service/web",
        namespace: "dev",
        remotePort: 80,
        address: "127.0.0.1",
        localPort: 4503,
        pod: "web-1",
      },
    ]);
    assert.equal(
      table,
      "RESOURCE     NAMESPACE  REMOTE  LOCAL\nservice/web  dev        80      http://127.0.0.1:4503\n",
    );
  });
});
