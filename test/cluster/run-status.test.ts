// `trestle run`'s status check through the CLI: a wrong image fails within statusCheckDeadlineSeconds naming
// ImagePullBackOff and the image; a crashing app WITHOUT a readiness probe (so Kubernetes calls it available for
// the moment it runs) fails with CrashLoopBackOff and its last log lines; each failure is printed once.
import assert from "node:assert/strict";
import { clusterTest } from "../support/index.js";
import { scratchFiles } from "../cli/run-trestle.js";
import { trestleIn } from "./deploy-support.js";

function project(name: string, image: string, command: string): string {
  return scratchFiles({
    "skaffold.yaml": `apiVersion: skaffold/v4beta14
kind: Config
metadata: {name: ${name}}
manifests:
  rawYaml: [k8s.yaml]
deploy:
  kubectl: {}
  statusCheckDeadlineSeconds: 90
`,
    "k8s.yaml": `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
        - name: main
          image: ${image}
          command: ["sh", "-c", ${JSON.stringify(command)}]
`,
  });
}

const count = (text: string, needle: string): number => text.split(needle).length - 1;

clusterTest(
  "trestle run: a wrong image fails the status check naming ImagePullBackOff and the image",
  async (ns) => {
    const image = "localhost:5000/trestle/does-not-exist:nope";
    const dir = project("nopull", image, "sleep 3600");
    const result = await trestleIn(ns, dir, ["run", "-n", ns.name]);
    assert.notEqual(result.code, 0, result.stdout);
    const all = result.stdout + result.stderr;
    assert.match(all, /status check failed/);
    assert.match(result.stdout, /ImagePullBackOff|ErrImagePull/);
    assert.match(
      result.stdout,
      new RegExp(`${ns.name}:deployment/nopull: .*${image.replaceAll(".", "\\.")}`),
    );
    assert.equal(count(result.stdout, "(ImagePullBackOff)"), 1, result.stdout);
    assert.doesNotMatch(
      result.stdout,
      /not ready after 90s/,
      "failed on the decoded reason, not the deadline",
    );
  },
  { timeout: 300_000 },
);

clusterTest(
  "trestle run: a crash-looping app without a readiness probe fails with CrashLoopBackOff and its last log lines",
  async (ns) => {
    const busybox = ns.env.images["busybox"] ?? "localhost:5000/trestle/busybox:latest";
    const dir = project(
      "crasher",
      busybox,
      "echo 'connecting to db'; sleep 1; echo 'fatal: db unreachable'; exit 3",
    );
    const result = await trestleIn(ns, dir, ["run", "-n", ns.name]);
    assert.notEqual(result.code, 0, result.stdout + result.stderr);
    assert.doesNotMatch(result.stdout, /Deployments stabilized/, result.stdout);
    assert.doesNotMatch(result.stdout, /deployment\/crasher is ready/, result.stdout);
    assert.match(result.stdout, /CrashLoopBackOff/);
    assert.match(result.stdout, /last exit code 3/);
    assert.match(result.stdout, /> fatal: db unreachable/);
    assert.equal(count(result.stdout, "is crashing"), 1, result.stdout);
    assert.match(result.stderr, /STATUS_CHECK_FAILED|status check failed/);
  },
  { timeout: 300_000 },
);
