// Container lifecycle hooks through `trestle run`: an after-deploy hook runs in the matching pods' containers
// over the API server's exec stream (its output prefixed with pod/container), and a failing one fails the run.
import assert from "node:assert/strict";
import { clusterTest } from "../support/index.js";
import { scratchFiles } from "../cli/run-trestle.js";
import { trestleIn } from "./deploy-support.js";

function project(busybox: string, hookCommand: string): string {
  return scratchFiles({
    "skaffold.yaml": `apiVersion: skaffold/v4beta14
kind: Config
metadata: {name: hooked}
manifests:
  rawYaml: [k8s.yaml]
deploy:
  kubectl:
    hooks:
      after:
        - container:
            podName: "hooked-*"
            containerName: main
            command: ["sh", "-c", ${JSON.stringify(hookCommand)}]
`,
    "k8s.yaml": `apiVersion: apps/v1
kind: Deployment
metadata: {name: hooked}
spec:
  selector: {matchLabels: {app: hooked}}
  template:
    metadata: {labels: {app: hooked}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
        - name: main
          image: ${busybox}
          command: ["sh", "-c", "echo started > /tmp/state; sleep 3600"]
        - name: side
          image: ${busybox}
          command: ["sleep", "3600"]
`,
  });
}

clusterTest(
  "trestle run: an after-deploy container hook runs in the matching container of the run's pods",
  async (ns) => {
    const busybox = ns.env.images["busybox"] ?? "localhost:5000/trestle/busybox:latest";
    const ok = await trestleIn(ns, project(busybox, "echo in $HOSTNAME: $(cat /tmp/state)"), [
      "run",
      "-n",
      ns.name,
    ]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    const line = /\[hook (hooked-[a-z0-9-]+)\/main\] in (\S+): started/.exec(ok.stdout);
    assert.ok(line, ok.stdout);
    assert.equal(line[2], line[1], "ran inside the pod it names");
    assert.doesNotMatch(ok.stdout, /\/side\]/, "the other container was not selected");
    assert.doesNotMatch(ok.stdout, /skipped/);

    const failing = await trestleIn(ns, project(busybox, "echo nope; exit 4"), ["run", "-n", ns.name]);
    assert.notEqual(failing.code, 0);
    assert.match(
      failing.stderr,
      /after-deploy hook of kubectl failed in .*\/hooked-[a-z0-9-]+\/main: .* exited with 4/,
    );
  },
  { timeout: 300_000 },
);
