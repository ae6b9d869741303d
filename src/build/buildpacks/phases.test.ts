import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planPhases, type PhasePlanInputs } from "./phases.js";

const inputs: PhasePlanInputs = {
  platformApi: "0.15",
  trusted: true,
  daemon: true,
  tags: ["reg/app:v1", "reg/app:latest"],
  runImage: "reg/run:1",
  previousImage: "reg/app:latest",
  uid: 1001,
  gid: 1002,
  clearCache: false,
  customOrder: false,
  insecureRegistries: ["plain:5000"],
};

describe("planPhases", () => {
  it("runs the creator alone for a trusted builder, as root with the socket", () => {
    const runs = planPhases(inputs);
    assert.equal(runs.length, 1);
    const [creator] = runs;
    assert.equal(creator?.phase, "creator");
    assert.equal(creator?.root, true);
    assert.equal(creator?.daemon, true);
    assert.deepEqual(creator?.args, [
      "-app",
      "/workspace",
      "-layers",
      "/layers",
      "-platform",
      "/platform",
      "-cache-dir",
      "/cache",
      "-run-image",
      "reg/run:1",
      "-uid",
      "1001",
      "-gid",
      "1002",
      "-daemon",
      "-launch-cache",
      "/launch-cache",
      "-previous-image",
      "reg/app:latest",
      "-tag",
      "reg/app:latest",
      "-insecure-registry",
      "plain:5000",
      "-report",
      "/layers/report.toml",
      "-log-level",
      "info",
      "reg/app:v1",
    ]);
  });

  it("runs five phases for an untrusted builder; only analyzer and exporter get the engine", () => {
    const runs = planPhases({ ...inputs, trusted: false, customOrder: true });
    // [phase, root, engine socket, registry credentials]: buildpack code (detector, builder) gets none.
    assert.deepEqual(
      runs.map((r) => [r.phase, r.root, r.daemon, r.credentials]),
      [
        ["analyzer", true, true, true],
        ["detector", false, false, false],
        ["restorer", true, false, true],
        ["builder", false, false, false],
        ["exporter", true, true, true],
      ],
    );
    assert.deepEqual(runs[1]?.args, [
      "-app",
      "/workspace",
      "-layers",
      "/layers",
      "-platform",
      "/platform",
      "-order",
      "/layers/order.toml",
      "-log-level",
      "info",
    ]);
    assert.deepEqual(runs[4]?.args.slice(-2), ["reg/app:v1", "reg/app:latest"]);
  });

  it("publishes without -daemon, skips the restorer when clearing the cache, gates flags by API", () => {
    const runs = planPhases({
      ...inputs,
      trusted: false,
      daemon: false,
      clearCache: true,
      platformApi: "0.8",
      tags: ["reg/app:v1"],
    });
    assert.deepEqual(
      runs.map((r) => r.phase),
      ["analyzer", "detector", "builder", "exporter"],
    );
    for (const run of runs) {
      assert.equal(run.args.includes("-daemon"), false);
      assert.equal(run.args.includes("-insecure-registry"), false, "needs Platform API 0.13");
      assert.equal(run.args.includes("-skip-layers"), false, "needs Platform API 0.9");
    }
    const creator = planPhases({ ...inputs, clearCache: true })[0];
    assert.ok(creator?.args.includes("-skip-restore"));
  });
});
