// Conformance cases 29–32 and 36–42, 46 of the debug spec (§C.5): `sh -c` unwrapping and buildpacks
// launcher handling, exercised with stand-in transforms as in Skaffold's tests.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isCnbImage, updateForCnbImage } from "./cnb.js";
import { container, plain } from "./testing.js";
import type { ContainerSpec, ImageConfiguration, TransformOutcome } from "./types.js";
import { updateForShDashC } from "./unwrap-sh.js";

const LAUNCHER = "/cnb/lifecycle/launcher";

describe("debug spec §C.5 #29–32 TestUpdateForShDashC (a transform that reverses the entrypoint)", () => {
  // [case, image config, config the transform must see, expected container]
  const rows: [string, ImageConfiguration, ImageConfiguration, Partial<ContainerSpec>][] = [
    [
      "no unwrapping: entrypoint [a, b]",
      { entrypoint: ["a", "b"] },
      { entrypoint: ["a", "b"] },
      { command: ["b", "a"] },
    ],
    ["no unwrapping: args [d, e, f]", { cmd: ["d", "e", "f"] }, { cmd: ["d", "e", "f"] }, {}],
    [
      "no unwrapping: /bin/sh -x",
      { entrypoint: ["/bin/sh", "-x"], cmd: ["d"] },
      { entrypoint: ["/bin/sh", "-x"], cmd: ["d"] },
      { command: ["-x", "/bin/sh"] },
    ],
    [
      "#29 entrypoint [/bin/sh, -c, 'd e f']",
      { entrypoint: ["/bin/sh", "-c", "d e f"] },
      { entrypoint: ["d", "e", "f"], cmd: [] },
      { command: ["/bin/sh", "-c", "f e d"] },
    ],
    [
      "#29 entrypoint [/bin/bash, -c, 'd e f']",
      { entrypoint: ["/bin/bash", "-c", "d e f"] },
      { entrypoint: ["d", "e", "f"], cmd: [] },
      { command: ["/bin/bash", "-c", "f e d"] },
    ],
    [
      "#30 entrypoint [/bin/sh, -c], args ['d e f']",
      { entrypoint: ["/bin/sh", "-c"], cmd: ["d e f"] },
      { entrypoint: ["d", "e", "f"], cmd: [] },
      { args: ["f e d"] },
    ],
    [
      "#30 entrypoint [/bin/bash, -c], args ['d e f']",
      { entrypoint: ["/bin/bash", "-c"], cmd: ["d e f"] },
      { entrypoint: ["d", "e", "f"], cmd: [] },
      { args: ["f e d"] },
    ],
    [
      "#31 args [/bin/bash, -c, 'd e f']",
      { cmd: ["/bin/bash", "-c", "d e f"] },
      { entrypoint: ["d", "e", "f"], cmd: [] },
      { args: ["/bin/bash", "-c", "f e d"] },
    ],
    [
      "#31 args [/bin/sh, -c, 'd e f']",
      { cmd: ["/bin/sh", "-c", "d e f"] },
      { entrypoint: ["d", "e", "f"], cmd: [] },
      { args: ["/bin/sh", "-c", "f e d"] },
    ],
    [
      "#31 launcher entrypoint, args [/bin/bash, -c, 'd e f']",
      { entrypoint: ["docker-entrypoint.sh"], cmd: ["/bin/bash", "-c", "d e f"] },
      { entrypoint: ["d", "e", "f"], cmd: [] },
      { args: ["/bin/bash", "-c", "f e d"] },
    ],
    [
      "#32 entrypoint [sh, -c] is not unwrapped",
      { entrypoint: ["sh", "-c"], cmd: ["d"] },
      { entrypoint: ["sh", "-c"], cmd: ["d"] },
      { command: ["-c", "sh"] },
    ],
    [
      "positional arguments after the script are kept",
      { entrypoint: ["/bin/sh", "-c", "d e", "p1"] },
      { entrypoint: ["d", "e"], cmd: [] },
      { command: ["/bin/sh", "-c", "e d", "p1"] },
    ],
    [
      "an unsplittable script is not unwrapped",
      { cmd: ["/bin/sh", "-c", "d 'e"] },
      { cmd: ["/bin/sh", "-c", "d 'e"] },
      {},
    ],
  ];
  for (const [name, input, unwrapped, expected] of rows) {
    it(name, () => {
      let seen: ImageConfiguration | undefined;
      const outcome = updateForShDashC(container(), input, (c, ic): TransformOutcome => {
        seen = ic;
        const entrypoint = ic.entrypoint ?? [];
        return {
          ok: true,
          container: entrypoint.length > 0 ? { ...c, command: [...entrypoint].reverse() } : c,
          debug: {},
        };
      });
      assert.deepEqual(plain(seen), plain(unwrapped));
      assert.ok(outcome.ok);
      assert.deepEqual(plain(outcome.container), plain(container(expected)));
    });
  }
});

/** Build metadata as lifecycle writes it for Platform API 0.10+ (commands as lists). */
const metadata = (processes: readonly object[]): string => JSON.stringify({ processes, buildpacks: [] });
const WITH_WEB = metadata([
  { type: "web", command: ["webProcess arg1 arg2"], args: ["posArg1", "posArg2"], direct: false },
  { type: "diag", command: ["diagProcess"], args: [], direct: false },
  { type: "direct", command: ["command"], args: ["cmdArg1"], direct: true },
  { type: "sh-c", command: ["/bin/sh"], args: ["-c", "command arg1 arg2"], direct: true },
  { type: "bash-c", command: ["/bin/bash"], args: ["-c", "command arg1 arg2"], direct: true },
]);
const NO_WEB = metadata([
  { type: "diag", command: ["diagProcess"], args: [], direct: false },
  { type: "direct", command: ["command"], args: ["cmdArg1"], direct: true },
]);
const cnb = (fields: ImageConfiguration, label: string | null = WITH_WEB): ImageConfiguration => ({
  entrypoint: [LAUNCHER],
  ...fields,
  labels: label === null ? {} : { "io.buildpacks.build.metadata": label },
});
const API04 = { CNB_PLATFORM_API: "0.4" };

describe("debug spec §C.5 #36–42 TestUpdateForCNBImage", () => {
  // [case, image config, expected container (undefined: error), expected working directory]
  const rows: [string, ImageConfiguration, Partial<ContainerSpec> | undefined, string][] = [
    ["#41 error when build metadata is missing", cnb({}, null), undefined, ""],
    ["#41 error when build metadata has no processes", cnb({}, "{}"), undefined, ""],
    [
      "#40 direct command lines stay direct",
      cnb({ cmd: ["--", "web", "arg1", "arg2"] }),
      { args: ["--", "web", "arg1", "arg2"] },
      "/workspace",
    ],
    [
      "defaults to the web process",
      cnb({}),
      { args: ["webProcess arg1 arg2", "posArg1", "posArg2"] },
      "/workspace",
    ],
    [
      "resolves an explicit web process",
      cnb({ cmd: ["web"] }),
      { args: ["webProcess arg1 arg2", "posArg1", "posArg2"] },
      "/workspace",
    ],
    [
      "CNB_PROCESS_TYPE=web",
      cnb({ env: { CNB_PROCESS_TYPE: "web" } }),
      { args: ["webProcess arg1 arg2", "posArg1", "posArg2"] },
      "/workspace",
    ],
    [
      "CNB_PROCESS_TYPE=diag",
      cnb({ env: { CNB_PROCESS_TYPE: "diag" } }),
      { args: ["diagProcess"] },
      "/workspace",
    ],
    [
      "#38 CNB_PROCESS_TYPE=direct",
      cnb({ env: { CNB_PROCESS_TYPE: "direct" } }),
      { args: ["--", "command", "cmdArg1"] },
      "/workspace",
    ],
    ["script command line", cnb({ cmd: ["python main.py"] }), { args: ["python main.py"] }, "/workspace"],
    ["no process and no args", cnb({}, NO_WEB), {}, "/workspace"],
    [
      "the launcher ignores the image's working dir",
      cnb({ workingDir: "/workdir" }, NO_WEB),
      {},
      "/workspace",
    ],
    [
      "#42 CNB_APP_DIR is used when set",
      cnb({ env: { CNB_APP_DIR: "/appDir" }, workingDir: "/workdir" }, NO_WEB),
      {},
      "/appDir",
    ],
    [
      "#39 CNB_PROCESS_TYPE=sh-c (Procfile style)",
      cnb({ env: { CNB_PROCESS_TYPE: "sh-c" } }),
      { args: ["command arg1 arg2"] },
      "/workspace",
    ],
    [
      "CNB_PROCESS_TYPE=bash-c (Procfile style)",
      cnb({ env: { CNB_PROCESS_TYPE: "bash-c" } }),
      { args: ["command arg1 arg2"] },
      "/workspace",
    ],
    ["API 0.4: no default process for the launcher", cnb({ env: API04 }), {}, "/workspace"],
    [
      "API 0.4: direct command lines stay direct",
      cnb({ cmd: ["--", "web", "arg1", "arg2"], env: API04 }),
      { args: ["--", "web", "arg1", "arg2"] },
      "/workspace",
    ],
    [
      "API 0.4: script command line",
      cnb({ cmd: ["python main.py"], env: API04 }),
      { args: ["python main.py"] },
      "/workspace",
    ],
    [
      "API 0.4: the launcher ignores the image's working dir",
      cnb({ env: API04, workingDir: "/workdir" }, NO_WEB),
      {},
      "/workspace",
    ],
    [
      "API 0.4: CNB_APP_DIR is used when set",
      cnb({ env: { ...API04, CNB_APP_DIR: "/appDir" }, workingDir: "/workdir" }, NO_WEB),
      {},
      "/appDir",
    ],
    [
      "#36 API 0.4: /cnb/process/web",
      cnb({ entrypoint: ["/cnb/process/web"], env: API04 }),
      { command: [LAUNCHER], args: ["webProcess arg1 arg2", "posArg1", "posArg2"] },
      "/workspace",
    ],
    [
      "#37 API 0.4: /cnb/process/web with arguments appended",
      cnb({ entrypoint: ["/cnb/process/web"], cmd: ["altArg1", "altArg2"], env: API04 }),
      { command: [LAUNCHER], args: ["webProcess arg1 arg2", "posArg1", "posArg2", "altArg1", "altArg2"] },
      "/workspace",
    ],
  ];
  for (const [name, input, expected, workingDir] of rows) {
    it(`${name} (args changed)`, () => {
      const outcome = updateForCnbImage(container(), input, (c, ic) => ({
        ok: true,
        container: ic.cmd === undefined || ic.cmd.length === 0 ? c : { ...c, args: ic.cmd },
        debug: {},
      }));
      if (expected === undefined) {
        assert.equal(outcome.ok, false);
        return;
      }
      assert.ok(outcome.ok);
      assert.deepEqual(plain(outcome.container), plain(container(expected)));
      assert.deepEqual(outcome.debug, { workingDir });
    });
    it(`${name} (args unchanged)`, () => {
      const outcome = updateForCnbImage(container(), input, (c, ic) => ({
        ok: true,
        container: c,
        debug: ic.workingDir === undefined ? {} : { workingDir: ic.workingDir },
      }));
      assert.equal(outcome.ok, expected !== undefined);
      if (outcome.ok) assert.deepEqual(plain(outcome.container), plain(container()));
    });
  }
});

describe("debug spec §C.5 #46 TestIsCNBImage", () => {
  const stack = { "io.buildpacks.stack.id": "not checked" };
  const rows: [string, ImageConfiguration, boolean][] = [
    ["non-CNB image", { entrypoint: ["/usr/bin/java", "-jar", "foo.jar"] }, false],
    ["launcher without the stack label", { entrypoint: [LAUNCHER] }, false],
    ["implicit platform 0.3 with launcher", { entrypoint: [LAUNCHER], labels: stack }, true],
    [
      "explicit platform 0.3 with launcher",
      { entrypoint: [LAUNCHER], env: { CNB_PLATFORM_API: "0.3" }, labels: stack },
      true,
    ],
    ["platform 0.4 with launcher", { entrypoint: [LAUNCHER], env: API04, labels: stack }, true],
    [
      "platform 0.4 with process executable",
      { entrypoint: ["/cnb/process/diag"], cmd: ["arg"], env: API04, labels: stack },
      true,
    ],
    [
      "platform 0.4 with non-CNB entrypoint",
      { entrypoint: ["/usr/bin/java", "-jar", "foo.jar"], env: API04, labels: stack },
      false,
    ],
  ];
  for (const [name, config, expected] of rows) {
    it(name, () => {
      assert.equal(isCnbImage(config), expected);
    });
  }
});
