// Conformance cases 7, 8, 16, 24, 33, 34 and 35 of the debug spec (§C.5): command-line parsers, runtime
// detection, quoting and ports.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allocatePort, exposePort } from "./ports.js";
import type { DlvSpec } from "./runtime-go.js";
import { extractDlvSpec, goTransformer } from "./runtime-go.js";
import { rewriteNodeCommandLine, rewriteNpmCommandLine } from "./runtime-nodejs.js";
import type { PythonSpec } from "./runtime-python.js";
import { extractPythonDebugSpec } from "./runtime-python.js";
import { shJoin } from "./shell.js";
import type { ContainerPort, ImageConfiguration } from "./types.js";

const dlv = (fields: Partial<DlvSpec>): DlvSpec => ({
  mode: "",
  host: "",
  port: 0,
  headless: false,
  log: false,
  apiVersion: 2,
  ...fields,
});

describe("debug spec §C.5 #7 go TestExtractDlvArg", () => {
  const rows: [readonly string[], DlvSpec | undefined][] = [
    [[], undefined],
    [["foo"], undefined],
    [["foo", "--foo"], undefined],
    [["dlv", "debug", "--headless"], dlv({ mode: "debug", headless: true })],
    [["dlv", "--headless", "exec"], dlv({ mode: "exec", headless: true })],
    [["dlv", "--headless", "exec", "--", "--listen=host:4345"], dlv({ mode: "exec", headless: true })],
    [
      ["dlv", "test", "--headless", "--listen=host:4345"],
      dlv({ mode: "test", host: "host", port: 4345, headless: true }),
    ],
    [
      ["dlv", "debug", "--headless", "--api-version=1"],
      dlv({ mode: "debug", headless: true, apiVersion: 1 }),
    ],
    [
      ["dlv", "debug", "--listen=host:4345", "--headless", "--api-version=2", "--log"],
      dlv({ mode: "debug", host: "host", port: 4345, headless: true, log: true }),
    ],
    [["dlv", "debug", "--listen=:4345"], dlv({ mode: "debug", port: 4345 })],
    [["dlv", "debug", "--listen=host:"], dlv({ mode: "debug", host: "host" })],
  ];
  for (const [argv, expected] of rows) {
    it(argv.join(" ") || "(empty)", () => {
      assert.deepEqual(extractDlvSpec(argv), expected);
    });
  }
});

describe("debug spec §C.5 #8 go IsApplicable", () => {
  const rows: [string, ImageConfiguration, boolean][] = [
    ["GOMAXPROCS", { env: { GOMAXPROCS: "2" } }, true],
    ["GOGC", { env: { GOGC: "off" } }, true],
    ["GODEBUG", { env: { GODEBUG: "efence=1" } }, true],
    ["GOTRACEBACK", { env: { GOTRACEBACK: "off" } }, true],
    ["KO_DATA_PATH", { env: { KO_DATA_PATH: "cmd/app/kodata/" } }, true],
    ["ko author", { author: "github.com/google/ko" }, true],
    ["entrypoint with dlv", { entrypoint: ["dlv", "exec", "--headless"] }, true],
    [
      "launcher entrypoint, dlv args",
      { entrypoint: ["docker-entrypoint.sh"], cmd: ["dlv", "exec", "--headless"] },
      true,
    ],
    [
      "CNB launcher entrypoint, dlv args",
      { entrypoint: ["/cnb/lifecycle/launcher"], cmd: ["/usr/bin/dlv"] },
      true,
    ],
    ["entrypoint /bin/sh", { entrypoint: ["/bin/sh"] }, false],
    ["non-launcher entrypoint hides dlv args", { entrypoint: ["/bin/sh"], cmd: ["dlv"] }, false],
    ["nothing", {}, false],
  ];
  for (const [name, config, expected] of rows) {
    it(name, () => {
      assert.equal(goTransformer.isApplicable(config), expected);
    });
  }
});

describe("debug spec §C.5 #16 nodejs rewriteNpmCommandLine (port 9226, no host)", () => {
  const spec = { host: "", port: 9226, brk: false };
  it("npm run server", () => {
    assert.deepEqual(rewriteNpmCommandLine(["npm", "run", "server"], spec), [
      "npm",
      "run",
      "server",
      "--node-options=--inspect=9226",
    ]);
  });
  it("npm run server -- option", () => {
    assert.deepEqual(rewriteNpmCommandLine(["npm", "run", "server", "--", "option"], spec), [
      "npm",
      "run",
      "server",
      "--node-options=--inspect=9226",
      "--",
      "option",
    ]);
  });
  it("node index.js (rewriteNodeCommandLine)", () => {
    assert.deepEqual(rewriteNodeCommandLine(["node", "index.js"], spec), [
      "node",
      "--inspect=9226",
      "index.js",
    ]);
    assert.deepEqual(rewriteNodeCommandLine(["node"], spec), ["node", "--inspect=9226"]);
  });
});

describe("debug spec §C.5 #24 python extractPythonDebugSpec", () => {
  const py = (fields: Partial<PythonSpec>): PythonSpec => ({
    debugger: "debugpy",
    host: "",
    port: 5678,
    wait: false,
    ...fields,
  });
  const rows: [readonly string[], PythonSpec | undefined][] = [
    [[], undefined],
    [["foo"], undefined],
    [["-mfoo"], undefined],
    [["-m", "foo"], undefined],
    [["-mptvsd"], py({ debugger: "ptvsd" })],
    [["-m", "ptvsd", "--port", "9329"], py({ debugger: "ptvsd", port: 9329 })],
    [["-mptvsd", "--port", "9329", "--host", "foo"], py({ debugger: "ptvsd", host: "foo", port: 9329 })],
    [["-mptvsd", "--wait"], py({ debugger: "ptvsd", wait: true })],
    [["-m", "debugpy", "--listen", "9329"], py({ port: 9329 })],
    [["-mdebugpy", "--listen", "foo:9329"], py({ host: "foo", port: 9329 })],
    [
      ["-m", "debugpy", "--wait-for-client", "--listen", "foo:9329"],
      py({ host: "foo", port: 9329, wait: true }),
    ],
    [["-mdebugpy"], undefined],
    [["-mdebugpy", "--wait-for-client"], undefined],
  ];
  for (const [argv, expected] of rows) {
    it(argv.join(" ") || "(empty)", () => {
      assert.deepEqual(extractPythonDebugSpec(argv), expected);
    });
  }
});

describe("debug spec §C.5 #33 TestShJoin", () => {
  const rows: [readonly string[], string][] = [
    [[], ""],
    [["a"], "a"],
    [["a b"], '"a b"'],
    [["a", 'a"b', "b c"], 'a "a\\"b" "b c"'],
    [["a", "b'c'd"], `a "b'c'd"`],
    [["a", "b()"], 'a "b()"'],
    [["a", "b[]"], 'a "b[]"'],
    [["a", "b{}"], 'a "b{}"'],
    [["a", "$PORT", "${PORT}", "a ${PORT} and $PORT"], 'a $PORT "${PORT}" "a ${PORT} and $PORT"'],
  ];
  for (const [args, expected] of rows) {
    it(JSON.stringify(args), () => {
      assert.equal(shJoin(args), expected);
    });
  }
});

describe("debug spec §C.5 #34 TestExposePort (name, 5555)", () => {
  const name5555: ContainerPort = { name: "name", containerPort: 5555 };
  const rows: [string, readonly ContainerPort[], readonly ContainerPort[]][] = [
    ["no ports", [], [name5555]],
    ["existing port", [name5555], [name5555]],
    [
      "add new port",
      [{ name: "foo", containerPort: 4444 }],
      [{ name: "foo", containerPort: 4444 }, name5555],
    ],
    ["clashing port name", [{ name: "name", containerPort: 4444 }], [name5555]],
    ["clashing port value", [{ name: "foo", containerPort: 5555 }], [name5555]],
    ["clashing name and value", [{ containerPort: 5555 }, { name: "name", containerPort: 4444 }], [name5555]],
    ["clashing value and name", [{ name: "name", containerPort: 4444 }, { containerPort: 5555 }], [name5555]],
  ];
  for (const [description, input, expected] of rows) {
    it(description, () => {
      assert.deepEqual(exposePort(input, "name", 5555), expected);
    });
  }
});

describe("debug spec §C.5 #35 TestAllocatePort", () => {
  const rows: [string, readonly number[], number, number][] = [
    ["simple", [], 5005, 5005],
    ["finds next available port", [5005, 5007, 5008, 5006], 5005, 5009],
    ["skips reserved", [], 1, 1024],
    ["skips 0", [], 0, 1024],
    ["skips negative", [], -1, 1024],
    ["wraps at maxPort", [], 65536, 1024],
    ["wraps beyond maxPort", [], 65537, 1024],
    ["looks backwards at 65535", [65535], 65535, 65534],
  ];
  for (const [description, used, desired, expected] of rows) {
    it(description, () => {
      assert.equal(
        allocatePort((port) => !used.includes(port), desired),
        expected,
      );
    });
  }
  it("searches downwards when everything above is taken", () => {
    assert.equal(
      allocatePort((port) => port < 60000, 60000),
      59999,
    );
  });
});
