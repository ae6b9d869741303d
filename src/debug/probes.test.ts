import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodeDebugAnnotation } from "./annotation.js";
import { applyDebugTransforms } from "./apply.js";
import { parseGoDuration } from "./go-duration.js";
import { rewriteProbes } from "./probes.js";

const httpProbe = (timeoutSeconds?: number): Record<string, unknown> => ({
  httpGet: { path: "/", port: 8080 },
  ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
});

function probedPod(annotations: Record<string, string>): { annotations: Record<string, string>; spec: any } {
  return {
    annotations: { "debug.cloud.google.com/config": '{"c":{"runtime":"go"}}', ...annotations },
    spec: {
      containers: [
        {
          name: "c",
          livenessProbe: httpProbe(1),
          readinessProbe: httpProbe(),
          startupProbe: httpProbe(3600),
        },
        { name: "other", livenessProbe: httpProbe(1) },
        { name: "c2", livenessProbe: { exec: { command: ["true"] }, timeoutSeconds: 1 } },
      ],
    },
  };
}

describe("probe timeouts", () => {
  const rows: [string, Record<string, string>, number | undefined, string[]][] = [
    ["default minimum of 600s", {}, 600, []],
    ["probe-timeouts: 1m", { "debug.cloud.google.com/probe-timeouts": "1m" }, 60, []],
    [
      "probe-timeouts: 0.3m (exact, as Go computes it)",
      { "debug.cloud.google.com/probe-timeouts": "0.3m" },
      18,
      [],
    ],
    ["probe-timeouts: skip", { "debug.cloud.google.com/probe-timeouts": "skip" }, undefined, []],
    [
      "probe-timeouts: on (invalid, warns and uses 600s)",
      { "debug.cloud.google.com/probe-timeouts": "on" },
      600,
      ['invalid probe timeout value "on"; using 600s'],
    ],
  ];
  for (const [name, annotations, expected, warnings] of rows) {
    it(name, () => {
      const { annotations: all, spec } = probedPod(annotations);
      const before = structuredClone(spec);
      const result = rewriteProbes(all, spec);
      assert.deepEqual(result.warnings, warnings);
      assert.equal(result.changed, expected !== undefined);
      const [debugged, other, nonHttp] = spec.containers;
      assert.equal(debugged.livenessProbe.timeoutSeconds, expected ?? 1);
      assert.equal(debugged.readinessProbe.timeoutSeconds, expected);
      assert.equal(debugged.startupProbe.timeoutSeconds, 3600, "longer timeouts are kept");
      assert.deepEqual(other, before.containers[1], "containers not being debugged are left alone");
      assert.deepEqual(nonHttp, before.containers[2], "non-HTTP probes are left alone");
    });
  }

  it("does nothing without a debug annotation, and warns about an unreadable one", () => {
    const spec = { containers: [{ name: "c", livenessProbe: httpProbe(1) }] };
    assert.deepEqual(rewriteProbes(undefined, spec), { changed: false, warnings: [] });
    const notDebugged = { "debug.cloud.google.com/probe-timeouts": "on" };
    assert.deepEqual(
      rewriteProbes(notDebugged, spec),
      { changed: false, warnings: [] },
      "no noise for other pods",
    );
    assert.equal(rewriteProbes({ "debug.cloud.google.com/config": "[" }, spec).warnings.length, 1);
    assert.equal(spec.containers[0]?.livenessProbe.timeoutSeconds, 1);
  });

  it("raises probes of containers the user annotated, without touching the containers (as Skaffold)", () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", annotations: { "debug.cloud.google.com/config": '{"c":{"runtime":"go"}}' } },
      spec: { containers: [{ name: "c", image: "app", livenessProbe: httpProbe(1) }] },
    };
    const result = applyDebugTransforms([pod], new Map([["app", { runtimeType: "go" as const }]]));
    const out = result.manifests[0] as any;
    assert.equal(out.spec.containers[0].livenessProbe.timeoutSeconds, 600);
    assert.equal(out.spec.containers[0].command, undefined);
    assert.equal(pod.spec.containers[0]?.livenessProbe.timeoutSeconds, 1);
  });
});

describe("parseGoDuration (nanoseconds)", () => {
  const rows: [string, number | undefined][] = [
    ["0", 0],
    ["1s", 1e9],
    ["+5s", 5e9],
    ["-2m", -120e9],
    ["1.5s", 1.5e9],
    [".5s", 0.5e9],
    ["5.s", 5e9],
    ["1h2m3s", 3723e9],
    ["300ms", 300e6],
    ["2us", 2000],
    ["2\u00b5s", 2000],
    ["7ns", 7],
    ["", undefined],
    ["1", undefined],
    ["s", undefined],
    [".s", undefined],
    ["1x", undefined],
    ["1 s", undefined],
    ["constructor", undefined],
  ];
  for (const [text, expected] of rows) {
    it(JSON.stringify(text), () => {
      assert.equal(parseGoDuration(text), expected);
    });
  }
});

describe("encodeDebugAnnotation", () => {
  it("sorts containers and ports, orders fields like Go and omits empty ones", () => {
    const encoded = encodeDebugAnnotation(
      new Map([
        ["b", { ports: { z: 2, a: 1 }, runtime: "python", workingDir: "", artifact: "img" }],
        ["a", { runtime: "netcore", ports: {} }],
      ]),
    );
    assert.equal(
      encoded,
      '{"a":{"runtime":"netcore"},"b":{"artifact":"img","runtime":"python","ports":{"a":1,"z":2}}}',
    );
  });
});
