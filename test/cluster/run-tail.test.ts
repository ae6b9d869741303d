// `trestle run --tail` through the CLI against an app whose two containers each print a counter and exit, so
// the kubelet restarts them again and again: every line each container instance printed appears exactly once
// in Trestle's output, in order, without gaps, and matches what the kubelet kept (current and previous logs).
import assert from "node:assert/strict";
import { join } from "node:path";
import { background, clusterTest, repoRoot, toolEnv, waitFor } from "../support/index.js";
import { scratchFiles } from "../cli/run-trestle.js";
import { labelled } from "./deploy-support.js";

const bin = join(repoRoot, "bin", "trestle.js");
const PER_INSTANCE = 5;
const INSTANCES = 3;

// Each container keeps its counter in an emptyDir, so instance k prints line-(5k) … line-(5k+4), then exits 1.
const counter = (name: string): string => `
        - name: ${name}
          image: IMAGE
          volumeMounts: [{name: state, mountPath: /state}]
          command: ["sh", "-c", "f=/state/${name}; n=$(cat $f 2>/dev/null || echo 0); end=$((n+${String(PER_INSTANCE)})); while [ $n -lt $end ]; do echo ${name}-line-$n; n=$((n+1)); echo $n > $f; sleep 0.2; done; exit 1"]`;

function linesOf(output: string, container: string): number[] {
  return [...output.matchAll(new RegExp(`^\\[${container}\\] ${container}-line-(\\d+)$`, "gm"))].map((m) =>
    Number(m[1]),
  );
}

clusterTest(
  "trestle run --tail: two restarting counter containers, every printed line shown once, none lost",
  async (ns) => {
    const busybox = ns.env.images["busybox"] ?? "localhost:5000/trestle/busybox:latest";
    const dir = scratchFiles({
      "skaffold.yaml": `apiVersion: skaffold/v4beta14
kind: Config
metadata: {name: counter}
manifests:
  rawYaml: [k8s.yaml]
deploy:
  kubectl: {}
`,
      "k8s.yaml": `apiVersion: apps/v1
kind: Deployment
metadata: {name: counter}
spec:
  selector: {matchLabels: {app: counter}}
  template:
    metadata: {labels: {app: counter}}
    spec:
      terminationGracePeriodSeconds: 1
      volumes: [{name: state, emptyDir: {}}]
      containers:${counter("a")}${counter("b")}
`.replaceAll("IMAGE", busybox),
    });
    // The app crash-loops on purpose: no status check, just tail.
    const trestle = background(
      process.execPath,
      [bin, "run", "-n", ns.name, "--tail", "--status-check=false"],
      { cwd: dir, env: toolEnv(ns.env, { NO_COLOR: "1" }) },
    );
    try {
      const want = PER_INSTANCE * INSTANCES;
      await waitFor(
        `${String(want)} lines from each container`,
        () =>
          Promise.resolve(
            linesOf(trestle.output(), "a").length >= want && linesOf(trestle.output(), "b").length >= want
              ? true
              : undefined,
          ),
        300_000,
      );
      const runId = (
        await ns.kubectl([
          "get",
          "deployment/counter",
          "-o",
          "jsonpath={.metadata.labels.skaffold\\.dev/run-id}",
        ])
      ).trim();
      const pod = (
        await ns.kubectl(["get", "pods", "-l", "app=counter", "-o", "jsonpath={.items[0].metadata.name}"])
      ).trim();
      const output = trestle.output();
      for (const c of ["a", "b"]) {
        const seen = linesOf(output, c);
        // Contiguous from 0, each once, in order: no line lost, none repeated.
        assert.deepEqual(
          seen,
          seen.map((_, i) => i),
          `container ${c}:\n${output}`,
        );
        // What the kubelet still holds (previous and current instance) was all shown.
        const kept = [
          ...(await ns.kubectl.raw(["logs", pod, "-c", c, "--previous"])).stdout.split("\n"),
          ...(await ns.kubectl.raw(["logs", pod, "-c", c])).stdout.split("\n"),
        ]
          .map((l) => /^\w-line-(\d+)$/.exec(l)?.[1])
          .filter((n): n is string => n !== undefined)
          .map(Number)
          .filter((n) => n <= (seen.at(-1) ?? -1));
        assert.ok(kept.length > 0, `the kubelet kept lines of ${c}`);
        for (const n of kept) assert.ok(seen.includes(n), `${c}-line-${String(n)} shown:\n${output}`);
      }

      trestle.child.kill("SIGINT");
      await trestle.waitForOutput(/Cleanup complete\./, 120_000);
      await new Promise<void>((resolve) => {
        if (trestle.child.exitCode !== null) resolve();
        else
          trestle.child.once("close", () => {
            resolve();
          });
      });
      assert.equal(await labelled(ns, runId), "", trestle.output());
    } finally {
      await trestle.stop();
    }
  },
  { timeout: 600_000 },
);
