// The real API server: version, apply, status, kustomize and helm. These need no running pods, so
// they also run in the API-server-only fallback mode.
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clusterTest, runOk, toolEnv, waitFor } from "../support/index.js";

clusterTest(
  "the API server reports the pinned Kubernetes version",
  async (ns) => {
    const version = JSON.parse(await ns.kubectl(["version", "-o", "json"])) as {
      serverVersion: { gitVersion: string };
      clientVersion: { gitVersion: string };
    };
    assert.equal(version.serverVersion.gitVersion, ns.env.cluster.kubernetesVersion);
    assert.equal(version.clientVersion.gitVersion, ns.env.cluster.kubernetesVersion);
  },
  { needsPods: false },
);

clusterTest(
  "kubectl apply creates objects and the controllers act on them",
  async (ns) => {
    await ns.apply(`
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {greeting: hello}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: idle}
spec:
  replicas: 2
  selector: {matchLabels: {app: idle}}
  template:
    metadata: {labels: {app: idle}}
    spec:
      containers: [{name: idle, image: ${ns.env.images["pause"] ?? ""}}]
`);
    assert.equal(
      await ns.kubectl(["get", "configmap", "settings", "-o", "jsonpath={.data.greeting}"]),
      "hello",
    );
    // The deployment controller (kube-controller-manager) creates the ReplicaSet and its pods.
    await waitFor("two pods of the idle deployment", async () => {
      const names = await ns.kubectl(["get", "pods", "-l", "app=idle", "-o", "name"]);
      return names.trim().split("\n").filter(Boolean).length === 2 ? true : undefined;
    });
    const status = await ns.kubectl(["get", "deployment", "idle", "-o", "jsonpath={.status.replicas}"]);
    assert.equal(status, "2");
  },
  { needsPods: false },
);

clusterTest(
  "kustomize (built into kubectl) renders and applies a kustomization",
  async (ns) => {
    const dir = mkdtempSync(join(tmpdir(), "trestle-kustomize-"));
    try {
      writeFileSync(
        join(dir, "cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: base}\ndata: {a: '1'}\n",
      );
      writeFileSync(
        join(dir, "kustomization.yaml"),
        "resources: [cm.yaml]\nnamePrefix: kz-\ncommonLabels: {owner: trestle}\n",
      );
      const rendered = await ns.kubectl(["kustomize", dir]);
      assert.match(rendered, /name: kz-base/);
      await ns.kubectl(["apply", "-k", dir]);
      assert.equal(
        await ns.kubectl(["get", "configmap", "kz-base", "-o", "jsonpath={.metadata.labels.owner}"]),
        "trestle",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  { needsPods: false },
);

clusterTest(
  "helm installs a local chart into the test namespace",
  async (ns) => {
    const chart = mkdtempSync(join(tmpdir(), "trestle-chart-"));
    try {
      mkdirSync(join(chart, "templates"));
      writeFileSync(join(chart, "Chart.yaml"), "apiVersion: v2\nname: tiny\nversion: 0.1.0\n");
      writeFileSync(join(chart, "values.yaml"), "greeting: hello\n");
      writeFileSync(
        join(chart, "templates", "cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: {{ .Release.Name }}-cm}\ndata: {greeting: {{ .Values.greeting | quote }}}\n",
      );
      const env = toolEnv(ns.env);
      const helm = (args: string[]) => runOk(ns.env.tools.helm, args, { env });
      assert.match(await helm(["version", "--short"]), new RegExp(`^${ns.env.tools.helmVersion}`));
      await helm(["install", "tiny", chart, "-n", ns.name, "--set", "greeting=hi", "--wait"]);
      assert.equal(
        await ns.kubectl(["get", "configmap", "tiny-cm", "-o", "jsonpath={.data.greeting}"]),
        "hi",
      );
      assert.match(await helm(["list", "-n", ns.name, "-q"]), /^tiny$/m);
    } finally {
      rmSync(chart, { recursive: true, force: true });
    }
  },
  { needsPods: false },
);
