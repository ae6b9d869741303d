// Conformance cases 1–28 of the debug spec (§C.5): the runtime transformers, applied directly with the
// identity port allocator, as in Skaffold's TestXxxTransformerApply tests.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { goTransformer } from "./runtime-go.js";
import { jvmTransformer } from "./runtime-jvm.js";
import { netcoreTransformer } from "./runtime-netcore.js";
import { nodejsTransformer } from "./runtime-nodejs.js";
import { pythonTransformer } from "./runtime-python.js";
import { DLV, container, identityPorts, plain } from "./testing.js";
import type {
  ContainerDebugConfiguration,
  ContainerSpec,
  ContainerTransformer,
  ImageConfiguration,
} from "./types.js";

interface ApplyCase {
  readonly id: string;
  readonly transformer: ContainerTransformer;
  readonly before?: Partial<ContainerSpec>;
  readonly config: ImageConfiguration;
  readonly protocols?: readonly string[];
  /** Expected container (undefined: the transform must fail). */
  readonly after?: Partial<ContainerSpec>;
  readonly debug?: ContainerDebugConfiguration;
  readonly supportImage?: string;
}

const GO = { debug: { runtime: "go", ports: { dlv: 56268 } }, supportImage: "go" };
const NODE = { debug: { runtime: "nodejs", ports: { devtools: 9229 } }, supportImage: "nodejs" };
const NODE_PATH = [{ name: "PATH", value: "/dbg/nodejs/bin" }];
const DEVTOOLS = [{ name: "devtools", containerPort: 9229 }];
const LAUNCHER = (mode: string): string[] => ["/dbg/python/launcher", "--mode", mode, "--port", "5678", "--"];
const PY = { debug: { runtime: "python", ports: { dap: 5678 } }, supportImage: "python" };
const DAP = [{ name: "dap", containerPort: 5678 }];
const JDWP = (port: number): string =>
  `-agentlib:jdwp=transport=dt_socket,server=y,address=${port},suspend=n,quiet=y`;

const CASES: readonly ApplyCase[] = [
  { id: "#1 go empty", transformer: goTransformer, config: {} },
  {
    id: "#2 go basic",
    transformer: goTransformer,
    config: { entrypoint: ["app", "arg"] },
    after: { command: [...DLV, "app", "--", "arg"], ports: [{ name: "dlv", containerPort: 56268 }] },
    ...GO,
  },
  {
    id: "#3 go existing port",
    transformer: goTransformer,
    before: { ports: [{ name: "http-server", containerPort: 8080 }] },
    config: { entrypoint: ["app", "arg"] },
    after: {
      command: [...DLV, "app", "--", "arg"],
      ports: [
        { name: "http-server", containerPort: 8080 },
        { name: "dlv", containerPort: 56268 },
      ],
    },
    ...GO,
  },
  {
    id: "#4 go existing dlv port",
    transformer: goTransformer,
    before: { ports: [{ name: "dlv", containerPort: 7896 }] },
    config: { entrypoint: ["app", "arg"] },
    after: { command: [...DLV, "app", "--", "arg"], ports: [{ name: "dlv", containerPort: 56268 }] },
    ...GO,
  },
  {
    id: "#5 go command not entrypoint",
    transformer: goTransformer,
    config: { cmd: ["app", "arg"] },
    after: { args: [...DLV, "app", "--", "arg"], ports: [{ name: "dlv", containerPort: 56268 }] },
    ...GO,
  },
  {
    id: "#6 go entrypoint with args in container spec",
    transformer: goTransformer,
    before: { args: ["arg1", "arg2"] },
    config: { entrypoint: ["app"] },
    after: {
      command: [...DLV, "app", "--"],
      args: ["arg1", "arg2"],
      ports: [{ name: "dlv", containerPort: 56268 }],
    },
    ...GO,
  },
  {
    id: "#9 nodejs empty",
    transformer: nodejsTransformer,
    config: {},
    after: {
      env: [{ name: "NODE_OPTIONS", value: "--inspect=0.0.0.0:9229" }, ...NODE_PATH],
      ports: DEVTOOLS,
    },
    ...NODE,
  },
  {
    id: "#10 nodejs entrypoint",
    transformer: nodejsTransformer,
    config: { entrypoint: ["node"] },
    after: { command: ["node", "--inspect=0.0.0.0:9229"], env: NODE_PATH, ports: DEVTOOLS },
    ...NODE,
  },
  {
    id: "#11 nodejs entrypoint with PATH",
    transformer: nodejsTransformer,
    config: { entrypoint: ["node"], env: { PATH: "/usr/bin" } },
    after: {
      command: ["node", "--inspect=0.0.0.0:9229"],
      env: [{ name: "PATH", value: "/dbg/nodejs/bin:/usr/bin" }],
      ports: DEVTOOLS,
    },
    ...NODE,
  },
  {
    id: "#12 nodejs existing devtools port",
    transformer: nodejsTransformer,
    before: { ports: [{ name: "devtools", containerPort: 4444 }] },
    config: { entrypoint: ["node"] },
    after: { command: ["node", "--inspect=0.0.0.0:9229"], env: NODE_PATH, ports: DEVTOOLS },
    ...NODE,
  },
  {
    id: "#13 nodejs command not entrypoint",
    transformer: nodejsTransformer,
    config: { cmd: ["node"] },
    after: { args: ["node", "--inspect=0.0.0.0:9229"], env: NODE_PATH, ports: DEVTOOLS },
    ...NODE,
  },
  {
    id: "#14 nodejs docker-entrypoint (#3821)",
    transformer: nodejsTransformer,
    config: { env: { NODE_VERSION: "10.12" }, entrypoint: ["docker-entrypoint.sh"], cmd: ["npm run script"] },
    after: {
      env: [{ name: "NODE_OPTIONS", value: "--inspect=0.0.0.0:9229" }, ...NODE_PATH],
      ports: DEVTOOLS,
    },
    ...NODE,
  },
  {
    id: "#15 nodejs image environment not copied",
    transformer: nodejsTransformer,
    before: { env: [{ name: "OTHER", value: "VALUE" }] },
    config: { entrypoint: ["node"], env: { RANDOM: "VALUE" } },
    after: {
      command: ["node", "--inspect=0.0.0.0:9229"],
      env: [{ name: "OTHER", value: "VALUE" }, ...NODE_PATH],
      ports: DEVTOOLS,
    },
    ...NODE,
  },
  {
    id: "#17 python basic",
    transformer: pythonTransformer,
    config: { entrypoint: ["python"] },
    after: { command: [...LAUNCHER("debugpy"), "python"], ports: DAP },
    ...PY,
  },
  {
    id: "#18 python protocols [pydevd, dap]",
    transformer: pythonTransformer,
    config: { entrypoint: ["python"] },
    protocols: ["pydevd", "dap"],
    after: { command: [...LAUNCHER("pydevd"), "python"], ports: [{ name: "pydevd", containerPort: 5678 }] },
    debug: { runtime: "python", ports: { pydevd: 5678 } },
    supportImage: "python",
  },
  {
    id: "#19 python protocols [dap, pydevd]",
    transformer: pythonTransformer,
    config: { entrypoint: ["python"] },
    protocols: ["dap", "pydevd"],
    after: { command: [...LAUNCHER("debugpy"), "python"], ports: DAP },
    ...PY,
  },
  {
    id: "#20 python command not entrypoint",
    transformer: pythonTransformer,
    config: { cmd: ["python"] },
    after: { args: [...LAUNCHER("debugpy"), "python"], ports: DAP },
    ...PY,
  },
  {
    id: "#21 python entrypoint with python env vars",
    transformer: pythonTransformer,
    config: { entrypoint: ["foo"], env: { PYTHON_VERSION: "3" } },
    after: { command: [...LAUNCHER("debugpy"), "foo"], ports: DAP },
    ...PY,
  },
  {
    id: "#22 python command with python env vars",
    transformer: pythonTransformer,
    config: { cmd: ["foo"], env: { PYTHON_VERSION: "3" } },
    after: { command: LAUNCHER("debugpy"), ports: DAP },
    ...PY,
  },
  { id: "#23 python empty", transformer: pythonTransformer, config: {} },
  {
    id: "#25 jvm empty",
    transformer: jvmTransformer,
    config: {},
    after: {
      env: [{ name: "JAVA_TOOL_OPTIONS", value: JDWP(5005) }],
      ports: [{ name: "jdwp", containerPort: 5005 }],
    },
    debug: { runtime: "jvm", ports: { jdwp: 5005 } },
  },
  {
    id: "#26 jvm existing jdwp spec",
    transformer: jvmTransformer,
    before: { env: [{ name: "JAVA_TOOL_OPTIONS", value: JDWP(8000) }], ports: [{ containerPort: 5005 }] },
    config: { env: { JAVA_TOOL_OPTIONS: JDWP(8000) } },
    after: {
      env: [{ name: "JAVA_TOOL_OPTIONS", value: JDWP(8000) }],
      ports: [{ containerPort: 5005 }, { name: "jdwp", containerPort: 8000 }],
    },
    debug: { runtime: "jvm", ports: { jdwp: 8000 } },
  },
  {
    id: "#27 jvm existing jdwp port and JAVA_TOOL_OPTIONS",
    transformer: jvmTransformer,
    before: { env: [{ name: "FOO", value: "BAR" }], ports: [{ name: "jdwp", containerPort: 8000 }] },
    config: { env: { JAVA_TOOL_OPTIONS: "-Xms1g" } },
    after: {
      env: [
        { name: "FOO", value: "BAR" },
        { name: "JAVA_TOOL_OPTIONS", value: `-Xms1g ${JDWP(5005)}` },
      ],
      ports: [{ name: "jdwp", containerPort: 5005 }],
    },
    debug: { runtime: "jvm", ports: { jdwp: 5005 } },
  },
  {
    id: "#28 netcore basic",
    transformer: netcoreTransformer,
    config: { entrypoint: ["dotnet", "myapp.dll"] },
    after: {},
    debug: { runtime: "netcore" },
    supportImage: "netcore",
  },
  {
    id: "#28 netcore empty",
    transformer: netcoreTransformer,
    config: {},
    after: {},
    debug: { runtime: "netcore" },
    supportImage: "netcore",
  },
];

describe("debug spec §C.5 runtime transformers (cases 1–6, 9–15, 17–23, 25–28)", () => {
  for (const c of CASES) {
    it(c.id, () => {
      const before = container(c.before);
      const snapshot = structuredClone(before);
      const outcome = c.transformer.apply(before, c.config, identityPorts, c.protocols ?? []);
      assert.deepEqual(before, snapshot, "the input container is not modified");
      if (c.after === undefined) {
        assert.equal(outcome.ok, false);
        return;
      }
      assert.ok(outcome.ok, outcome.ok ? "" : outcome.reason);
      assert.deepEqual(plain(outcome.container), plain(container(c.after)));
      assert.deepEqual(outcome.debug, c.debug);
      assert.equal(outcome.supportImage, c.supportImage);
    });
  }
});
