// The smoke test: an image built from a local base, pushed to the local registry, running as
// a Deployment; its logs read, a command exec'd in it, a port forwarded to it and HTTP 200 received.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clusterTest, dockerBuild, dockerPush, httpGet200, uniqueRef, waitFor } from "../support/index.js";

clusterTest("smoke: build, push, deploy, logs, exec, port-forward, HTTP 200", async (ns) => {
  const { env } = ns;
  const ctx = mkdtempSync(join(tmpdir(), "trestle-smoke-"));
  writeFileSync(
    join(ctx, "Dockerfile"),
    [
      `FROM ${env.images["busybox"] ?? ""}`,
      "RUN mkdir -p /www && echo 'hello from the smoke pod' > /www/index.html",
      'CMD ["sh", "-c", "echo smoke-server-starting; exec httpd -f -v -p 8080 -h /www"]',
      "",
    ].join("\n"),
  );
  const ref = uniqueRef(env, "smoke");
  try {
    await dockerBuild(env, ctx, ref);
    const digest = await dockerPush(env, ref);
    await ns.apply(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: smoke, labels: {app: smoke}}
spec:
  replicas: 1
  selector: {matchLabels: {app: smoke}}
  template:
    metadata: {labels: {app: smoke}}
    spec:
      terminationGracePeriodSeconds: 2
      containers:
        - name: web
          image: ${ref}@${digest}
          ports: [{containerPort: 8080, name: http}]
          readinessProbe: {httpGet: {path: /, port: http}, periodSeconds: 1}
`);
    await ns.rolloutStatus("smoke", 180);
    const pod = (
      await ns.kubectl(["get", "pods", "-l", "app=smoke", "-o", "jsonpath={.items[0].metadata.name}"])
    ).trim();
    assert.ok(pod, "no pod for the smoke deployment");

    const logs = await waitFor("the server's start line in the pod's logs", async () => {
      const out = await ns.kubectl(["logs", pod]);
      return out.includes("smoke-server-starting") ? out : undefined;
    });
    assert.match(logs, /smoke-server-starting/);

    const exec = await ns.kubectl(["exec", pod, "--", "sh", "-c", "cat /www/index.html; hostname"]);
    assert.equal(exec, `hello from the smoke pod\n${pod}\n`);

    const pf = await ns.portForward(`deployment/smoke`, 8080);
    try {
      assert.equal(await httpGet200(`${pf.url}/index.html`, 30_000), "hello from the smoke pod\n");
    } finally {
      await pf.close();
    }
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
});
