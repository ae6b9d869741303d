// The Kubernetes adapter, the status check and log tailing against the real cluster: an exec round trip
// with a tar stream, ImagePullBackOff and CrashLoopBackOff decoded (with the image and the last log
// lines), and a counter printed across container restarts tailed without losing a line.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogTailer } from "../../src/access/log-tailer.js";
import { createKubeClient } from "../../src/kube/client.js";
import type { KubeClient } from "../../src/kube/types.js";
import { checkStatus } from "../../src/status/check.js";
import { clusterTest, toolEnv, waitFor, type TestNamespace } from "../support/index.js";

function client(ns: TestNamespace): KubeClient {
  return createKubeClient({
    kubeconfig: ns.env.cluster.kubeconfig,
    namespace: ns.name,
    env: toolEnv(ns.env),
  });
}

// `neverReady` gives the container a readiness probe that fails, as a real app's would while it cannot reach its
// database: without one, a crash-looping container counts as available for the instant it runs.
function deployment(name: string, image: string, command: string, neverReady = false): string {
  const probe = neverReady
    ? '\n          readinessProbe: {exec: {command: ["false"]}, periodSeconds: 1}'
    : "";
  return `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, labels: {app: ${name}}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
        - name: main
          image: ${image}
          command: ["sh", "-c", ${JSON.stringify(command)}]${probe}
`;
}

class Sink {
  text = "";
  write(t: string): void {
    this.text += t;
  }
}

clusterTest(
  "kube: exec round trip, status failures decoded once, no log line lost across restarts",
  async (ns) => {
    const busybox = ns.env.images["busybox"] ?? "localhost:5000/trestle/busybox:latest";
    const kube = client(ns);
    const applied = await kube.applier.apply(
      deployment("nopull", "localhost:5000/trestle/does-not-exist:nope", "sleep 3600") +
        "---" +
        deployment("crash", busybox, "echo 'connecting to db'; echo 'fatal: db unreachable'; exit 3", true) +
        "---" +
        deployment("sleeper", busybox, "sleep 3600") +
        `---
apiVersion: v1
kind: Pod
metadata: {name: counter, labels: {app: counter, skaffold.dev/run-id: t1}}
spec:
  terminationGracePeriodSeconds: 1
  volumes: [{name: state, emptyDir: {}}]
  containers:
    - name: count
      image: ${busybox}
      volumeMounts: [{name: state, mountPath: /state}]
      command: ["sh", "-c", "n=$(cat /state/n 2>/dev/null || echo 0); end=$((n+5)); while [ $n -lt $end ]; do echo line-$n; n=$((n+1)); echo $n > /state/n; sleep 0.1; done; exit 1"]
`,
    );
    assert.deepEqual(
      applied.map((o) => `${o.kind}/${o.name}`),
      ["Deployment/nopull", "Deployment/crash", "Deployment/sleeper", "Pod/counter"],
    );

    // Log tailing starts before anything has run, as `trestle run --tail` does.
    const logs = new Sink();
    const tailer = createLogTailer({
      client: kube,
      namespaces: [ns.name],
      labelSelector: "skaffold.dev/run-id=t1",
      out: logs,
      colour: false,
    });
    await tailer.start();

    // Status: each failing deployment checked with a short deadline, both at once.
    const [nopull, crash] = await Promise.all(
      ["nopull", "crash"].map(async (name) => {
        const out = new Sink();
        const started = Date.now();
        const result = await checkStatus(
          applied.filter((o) => o.name === name),
          { client: kube, deadlineSeconds: 90, out },
        );
        return { result, out: out.text, seconds: (Date.now() - started) / 1000 };
      }),
    );
    assert.ok(nopull && crash);
    const pullFailure = nopull.result.resources[0];
    assert.equal(nopull.result.ok, false, nopull.out);
    assert.ok(pullFailure && !pullFailure.ok);
    assert.equal(pullFailure.reason, "ImagePullBackOff", nopull.out);
    assert.match(pullFailure.message, /localhost:5000\/trestle\/does-not-exist:nope/);
    assert.ok(nopull.seconds < 90, `failed fast, before the deadline (${String(nopull.seconds)}s)`);
    // Printed once, not once a second.
    assert.equal(nopull.out.split("ImagePullBackOff").length - 1, 1, nopull.out);

    const crashFailure = crash.result.resources[0];
    assert.ok(crashFailure && !crashFailure.ok, crash.out);
    assert.equal(crashFailure.reason, "CrashLoopBackOff", crash.out);
    assert.ok(
      crashFailure.details.some((l) => l.includes("fatal: db unreachable")),
      crash.out,
    );
    assert.match(crash.out, /fatal: db unreachable/);
    assert.equal(crash.out.split("is crashing").length - 1, 1, crash.out);

    // A healthy deployment passes, and reports progress.
    const okOut = new Sink();
    const healthy = await checkStatus(
      applied.filter((o) => o.name === "sleeper"),
      { client: kube, deadlineSeconds: 120, out: okOut },
    );
    assert.equal(healthy.ok, true, okOut.text);
    assert.match(okOut.text, /Waiting for deployments to stabilize\.\.\. 1\/1 ready/);

    // Exec: a tar stream into the container, read back.
    const pod = (
      await kube.watcher.list({ kind: "Pod", namespace: ns.name, labelSelector: "app=sleeper" })
    )[0];
    const podName = pod?.metadata?.name ?? "";
    const work = mkdtempSync(join(tmpdir(), "trestle-exec-"));
    mkdirSync(join(work, "sub"));
    writeFileSync(join(work, "sub", "file.txt"), "hello tar\n");
    const tarball = execFileSync("tar", ["-C", work, "-cf", "-", "."]);
    const unpacked = await kube.exec.exec({
      namespace: ns.name,
      pod: podName,
      command: ["sh", "-c", "mkdir -p /tmp/in && tar -xf - -C /tmp/in && cat /tmp/in/sub/file.txt && exit 7"],
      stdin: tarball,
    });
    assert.equal(unpacked.exitCode, 7, unpacked.stderr.toString());
    assert.equal(unpacked.stdout.toString(), "hello tar\n");

    // Logs: three instances of the counter (two restarts) printed line-0 … line-14; every one arrives once.
    const expected = Array.from({ length: 15 }, (_, i) => `[counter count] line-${String(i)}`);
    await waitFor(
      "15 counter lines through two restarts",
      () => {
        const lines = logs.text.split("\n").filter((l) => l.includes("line-"));
        return Promise.resolve(lines.length >= 15 ? true : undefined);
      },
      120_000,
    );
    await tailer.stop();
    const lines = logs.text.split("\n").filter((l) => l.includes("line-"));
    assert.deepEqual(lines.slice(0, 15), expected, logs.text);
    assert.equal(new Set(lines).size, lines.length, `no line printed twice:\n${logs.text}`);
  },
);
