import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  launchConfiguration,
  mergeLaunchFile,
  stripJsonComments,
  type ForwardedTarget,
} from "./ide-config.js";

const target = (protocol: string, fields: Partial<ForwardedTarget> = {}): ForwardedTarget => ({
  resource: "deployment.apps/web",
  name: "web",
  container: "app",
  runtime: "x",
  protocol,
  port: 1,
  localPort: 40000,
  ...fields,
});

describe("launchConfiguration", () => {
  it("attaches VS Code's Go, Node.js, Python and Java debuggers to the local port", () => {
    assert.deepEqual(launchConfiguration(target("dlv", { workingDir: "/src", sourceDir: "svc" })), {
      name: "Trestle: web/app (dlv)",
      type: "go",
      request: "attach",
      mode: "remote",
      host: "127.0.0.1",
      port: 40000,
      substitutePath: [{ from: "${workspaceFolder}/svc", to: "/src" }],
    });
    assert.deepEqual(launchConfiguration(target("devtools", { workingDir: "/app" })), {
      name: "Trestle: web/app (devtools)",
      type: "node",
      request: "attach",
      address: "127.0.0.1",
      port: 40000,
      localRoot: "${workspaceFolder}",
      remoteRoot: "/app",
    });
    assert.deepEqual(launchConfiguration(target("dap", { workingDir: "/app", sourceDir: "." })), {
      name: "Trestle: web/app (dap)",
      type: "debugpy",
      request: "attach",
      connect: { host: "127.0.0.1", port: 40000 },
      pathMappings: [{ localRoot: "${workspaceFolder}", remoteRoot: "/app" }],
    });
    assert.deepEqual(launchConfiguration(target("jdwp")), {
      name: "Trestle: web/app (jdwp)",
      type: "java",
      request: "attach",
      hostName: "127.0.0.1",
      port: 40000,
    });
    assert.equal(launchConfiguration(target("pydevd")), undefined);
  });
});

describe("mergeLaunchFile", () => {
  const ours = { name: "Trestle: web/app (dlv)", type: "go", port: 2 };

  it("creates a file when there is none", () => {
    const merged = mergeLaunchFile(undefined, [ours]);
    assert.deepEqual(JSON.parse(merged.text), { version: "0.2.0", configurations: [ours] });
    assert.equal(merged.droppedComments, false);
  });

  it("keeps the user's entries and fields, replaces ours from an earlier session", () => {
    const before = JSON.stringify({
      version: "0.2.0",
      compounds: [{ name: "all" }],
      configurations: [
        { name: "Mine", type: "node" },
        { name: "Trestle: web/app (dlv)", port: 1 },
      ],
    });
    const merged = mergeLaunchFile(before, [ours]);
    assert.deepEqual(JSON.parse(merged.text), {
      version: "0.2.0",
      compounds: [{ name: "all" }],
      configurations: [{ name: "Mine", type: "node" }, ours],
    });
    assert.equal(merged.droppedComments, false);
  });

  it("reads VS Code's JSON with comments and trailing commas, and says the comments are gone", () => {
    const before = '{\n  // mine\n  "configurations": [ /* x */ {"name": "a // not a comment",}, ],\n}\n';
    const merged = mergeLaunchFile(before, [ours]);
    assert.deepEqual(JSON.parse(merged.text).configurations, [{ name: "a // not a comment" }, ours]);
    assert.equal(merged.droppedComments, true);
  });

  it("refuses what is not a JSON object", () => {
    assert.throws(() => mergeLaunchFile("[1]", []), SyntaxError);
    assert.throws(() => mergeLaunchFile("{oops", []), SyntaxError);
  });

  it("strips comments outside strings only", () => {
    assert.equal(stripJsonComments('{"a": "x/*y*/"} // z'), '{"a": "x/*y*/"} \n');
  });
});
