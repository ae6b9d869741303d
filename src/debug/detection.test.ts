// Choosing the runtime, and what the container-level pipeline adds around the transformers.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { imageConfigurationFromOci } from "./image-config.js";
import { transformContainer } from "./transform-container.js";
import { selectTransformer, TRANSFORMERS } from "./transformers.js";
import { container, identityPorts, plain } from "./testing.js";
import type { ContainerSpec, ImageConfiguration, Runtime } from "./types.js";
import { toRuntime } from "./types.js";

describe("transformer order and selection", () => {
  it("tries go, jvm, netcore, nodejs, python, in Skaffold's registration order", () => {
    assert.deepEqual(
      TRANSFORMERS.map((t) => t.runtime),
      ["go", "jvm", "netcore", "nodejs", "python"],
    );
  });

  const rows: [string, ImageConfiguration, Runtime | undefined][] = [
    ["JAVA_TOOL_OPTIONS beats NODE_VERSION", { env: { NODE_VERSION: "20", JAVA_TOOL_OPTIONS: "" } }, "jvm"],
    ["GOMAXPROCS beats JAVA_VERSION", { env: { JAVA_VERSION: "21", GOMAXPROCS: "2" } }, "go"],
    [
      "ASPNETCORE_URLS beats NODE_ENV",
      { env: { NODE_ENV: "dev", ASPNETCORE_URLS: "http://+:80" } },
      "netcore",
    ],
    ["NODE_ENV beats PYTHONPATH", { env: { PYTHONPATH: "/app", NODE_ENV: "dev" } }, "nodejs"],
    ["python3 entrypoint", { entrypoint: ["/usr/local/bin/python3", "app.py"] }, "python"],
    ["exec dotnet", { cmd: ["exec", "dotnet", "app.dll"] }, "netcore"],
    ["runtimeType wins over detection", { env: { GOMAXPROCS: "2" }, runtimeType: "python" }, "python"],
    ["nothing recognisable", { entrypoint: ["/bin/app"] }, undefined],
  ];
  for (const [name, config, expected] of rows) {
    it(name, () => {
      assert.equal(selectTransformer(config)?.runtime, expected);
    });
  }

  it("accepts Skaffold's runtimeType aliases", () => {
    const aliases = [
      "go",
      "GoLang",
      "nodejs",
      "node",
      "npm",
      "jvm",
      "Java",
      "python",
      "netcore",
      ".net",
      "dotnet",
      "rust",
    ];
    assert.deepEqual(
      aliases.map((alias) => toRuntime(alias)),
      [
        "go",
        "go",
        "nodejs",
        "nodejs",
        "nodejs",
        "jvm",
        "jvm",
        "python",
        "netcore",
        "netcore",
        "netcore",
        undefined,
      ],
    );
  });
});

describe("transformContainer", () => {
  const run = (spec: Partial<ContainerSpec>, image: ImageConfiguration) =>
    transformContainer(container({ name: "c", ...spec }), image, identityPorts, []);

  it("lets the workload's env, command and args override the image", () => {
    const outcome = run(
      { env: [{ name: "GOTRACEBACK", value: "all" }], command: ["/srv/app"], args: ["-v"] },
      { artifact: "app", entrypoint: ["/bin/app"], cmd: ["serve"] },
    );
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.container.command?.slice(-2), ["/srv/app", "--"]);
    assert.deepEqual(outcome.container.args, ["-v"]);
    assert.deepEqual(outcome.debug, { artifact: "app", runtime: "go", ports: { dlv: 56268 } });
  });

  it("explains when the runtime cannot be determined", () => {
    assert.deepEqual(run({}, { entrypoint: ["/bin/app"] }), {
      ok: false,
      reason: 'unable to determine runtime for "c"',
    });
  });

  it("keeps an existing dlv command line and only exposes its port", () => {
    const outcome = run({}, { entrypoint: ["/dlv", "exec", "--headless", "--listen=:4000", "--", "/app"] });
    assert.ok(outcome.ok);
    assert.equal(outcome.container.command, undefined);
    assert.deepEqual(outcome.container.ports, [{ name: "dlv", containerPort: 4000 }]);
  });

  it("keeps an --inspect found among other NODE_OPTIONS (Skaffold would add a second one)", () => {
    const outcome = run(
      {},
      { env: { NODE_OPTIONS: "--max-old-space-size=512 --inspect=0.0.0.0:9339" }, cmd: ["npm", "start"] },
    );
    assert.ok(outcome.ok);
    assert.deepEqual(
      plain(outcome.container),
      plain(
        container({
          name: "c",
          env: [{ name: "PATH", value: "/dbg/nodejs/bin" }],
          ports: [{ name: "devtools", containerPort: 9339 }],
        }),
      ),
    );
  });

  it("needs no support image for a python command line already running debugpy", () => {
    const outcome = run({}, { cmd: ["python", "-m", "debugpy", "--listen", "0.0.0.0:5679", "app.py"] });
    assert.ok(outcome.ok);
    assert.equal(outcome.supportImage, undefined);
    assert.deepEqual(outcome.debug.ports, { dap: 5679 });
  });

  it("does not expose port 0 when an existing JDWP agent has no address", () => {
    const outcome = run({}, { env: { JAVA_TOOL_OPTIONS: "-agentlib:jdwp=transport=dt_socket,server=y" } });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.container.ports, []);
    assert.deepEqual(outcome.debug, { runtime: "jvm" });
  });
});

describe("imageConfigurationFromOci", () => {
  it("reads env, entrypoint, cmd, labels, working dir and author", () => {
    const config = imageConfigurationFromOci("app", "golang", {
      author: "github.com/ko-build/ko",
      config: {
        Env: ["A=1", "B=x=y", "C"],
        Entrypoint: ["/app"],
        Cmd: null,
        Labels: { l: "v" },
        WorkingDir: "/w",
      },
    });
    assert.deepEqual(config, {
      artifact: "app",
      runtimeType: "go",
      author: "github.com/ko-build/ko",
      env: { A: "1", B: "x=y", C: "" },
      entrypoint: ["/app"],
      cmd: [],
      labels: { l: "v" },
      workingDir: "/w",
    });
  });
});
