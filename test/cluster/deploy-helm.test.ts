// deploy.helm: `trestle run` installs the release with the built image (setValueTemplates) and the run's
// labels (post-renderer); a second run with nothing changed skips the release (revision unchanged);
// `trestle delete` uninstalls it and leaves nothing labelled.
import assert from "node:assert/strict";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { clusterTest, httpGet200, repoRoot, run, toolEnv } from "../support/index.js";
import { scratchFiles } from "../cli/run-trestle.js";
import { labelled, runIdOf, trestleIn } from "./deploy-support.js";

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: 1
  selector:
    matchLabels: {app: {{ .Release.Name }}}
  template:
    metadata:
      labels: {app: {{ .Release.Name }}}
    spec:
      terminationGracePeriodSeconds: 2
      containers:
        - name: web
          image: {{ .Values.image }}
          ports: [{containerPort: 8080, name: http}]
          readinessProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 2}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}
spec:
  selector: {app: {{ .Release.Name }}}
  ports: [{port: 8080, targetPort: http}]
`;

clusterTest(
  "deploy.helm: install, unchanged release skipped (same revision), delete uninstalls",
  async (ns) => {
    const release = `hello-${ns.name.slice(-6)}`;
    const dir = scratchFiles({
      "chart/Chart.yaml": "apiVersion: v2\nname: hello\nversion: 0.1.0\n",
      "chart/values.yaml": "image: localhost:5000/hello-go\n",
      "chart/templates/app.yaml": deployment,
      "skaffold.yaml": [
        "apiVersion: skaffold/v4beta14",
        "kind: Config",
        "build:",
        "  artifacts:",
        "    - image: localhost:5000/hello-go",
        "      context: app",
        "  local:",
        "    push: true",
        "deploy:",
        "  helm:",
        "    releases:",
        `      - name: ${release}`,
        "        chartPath: chart",
        `        namespace: ${ns.name}`,
        "        setValueTemplates:",
        '          image: "{{.IMAGE_FULLY_QUALIFIED_localhost_5000_hello_go}}"',
        "",
      ].join("\n"),
    });
    mkdirSync(join(dir, "app"));
    cpSync(join(repoRoot, "examples", "hello-go"), join(dir, "app"), { recursive: true });
    const helmStatus = async (): Promise<{ code: number; version: number }> => {
      const r = await run(ns.env.tools.helm, ["status", release, "-n", ns.name, "-o", "json"], {
        env: toolEnv(ns.env),
      });
      return {
        code: r.code,
        version: r.code === 0 ? (JSON.parse(r.stdout) as { version: number }).version : 0,
      };
    };

    const first = await trestleIn(ns, dir, ["run"]);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.match(first.stdout, new RegExp(`Installing release ${release}`));
    assert.match(first.stdout, /is ready/);
    assert.equal((await helmStatus()).version, 1);
    const runId = await runIdOf(ns, `deployment/${release}`);
    assert.match(runId, /^[0-9a-f-]{36}$/, "the post-renderer labelled the release's objects");
    const image = (
      await ns.kubectl([
        "get",
        `deployment/${release}`,
        "-o",
        "jsonpath={.spec.template.spec.containers[0].image}",
      ])
    ).trim();
    assert.match(image, /^localhost:5000\/hello-go:[^@]+@sha256:[0-9a-f]{64}$/);
    const pf = await ns.portForward(`service/${release}`, 8080);
    try {
      assert.equal(await httpGet200(`${pf.url}/`), "Hello from hello-go\n");
    } finally {
      await pf.close();
    }

    const second = await trestleIn(ns, dir, ["run"]);
    assert.equal(second.code, 0, second.stdout + second.stderr);
    assert.match(second.stdout, new RegExp(`Release ${release} unchanged \\(revision 1\\), skipped\\.`));
    assert.equal((await helmStatus()).version, 1, "no new revision for an unchanged release");

    writeFileSync(join(dir, "chart", "values.yaml"), "image: localhost:5000/hello-go\nextra: 1\n");
    const third = await trestleIn(ns, dir, ["run"]);
    assert.equal(third.code, 0, third.stdout + third.stderr);
    assert.match(third.stdout, new RegExp(`Upgrading release ${release}`));
    assert.equal((await helmStatus()).version, 2, "a changed values file upgrades");

    const deleted = await trestleIn(ns, dir, ["delete"]);
    assert.equal(deleted.code, 0, deleted.stdout + deleted.stderr);
    assert.notEqual((await helmStatus()).code, 0, "the release is gone");
    assert.equal(await labelled(ns, runId), "");
  },
  { timeout: 900_000 },
);
