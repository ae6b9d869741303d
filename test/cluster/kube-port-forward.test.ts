// Port forwarding through the client library's stream: a taken local port gives a clear message and
// the next port; after a redeploy replaces the pod the same local port serves the new version.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { createPortForwardManager } from "../../src/access/port-forward-manager.js";
import { createKubeClient } from "../../src/kube/client.js";
import { listenOn } from "../../src/kube/forward.js";
import { clusterTest, httpGet200, toolEnv, waitFor } from "../support/index.js";

function web(version: string, image: string): string {
  return `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web, skaffold.dev/run-id: pf}}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, skaffold.dev/run-id: pf}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
        - name: web
          image: ${image}
          env: [{name: VERSION, value: "${version}"}]
          command: ["sh", "-c", "mkdir -p /www && echo $VERSION > /www/index.html && exec httpd -f -p 8080 -h /www"]
          ports: [{containerPort: 8080, name: http}]
          readinessProbe: {httpGet: {path: /, port: http}, periodSeconds: 1}
---
apiVersion: v1
kind: Service
metadata: {name: web, labels: {skaffold.dev/run-id: pf}}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
`;
}

clusterTest("port forward: taken port → next one; same local port serves after a redeploy", async (ns) => {
  const busybox = ns.env.images["busybox"] ?? "localhost:5000/trestle/busybox:latest";
  const kube = createKubeClient({
    kubeconfig: ns.env.cluster.kubeconfig,
    namespace: ns.name,
    env: toolEnv(ns.env),
  });
  await kube.applier.apply(web("v1", busybox));
  await ns.rolloutStatus("web", 120);

  // Somebody else holds the port the config asks for.
  const squatter = createServer();
  const taken = await listenOn(squatter, "127.0.0.1", 0);
  let printed = "";
  const manager = createPortForwardManager({
    client: kube,
    modes: new Set(["user"]),
    entries: [{ resourceType: "service", resourceName: "web", port: 80, localPort: taken }],
    namespaces: [ns.name],
    defaultNamespace: ns.name,
    labelSelector: "skaffold.dev/run-id=pf",
    out: { write: (t: string) => (printed += t) },
  });
  try {
    const [first] = await manager.refresh();
    assert.ok(first);
    assert.notEqual(first.localPort, taken);
    assert.match(
      printed,
      new RegExp(
        `local port ${String(taken)} is taken; forwarding service/web from port ${String(first.localPort)}`,
      ),
    );
    assert.match(printed, /RESOURCE\s+NAMESPACE\s+REMOTE\s+LOCAL\nservice\/web/);
    const url = `http://127.0.0.1:${String(first.localPort)}/`;
    assert.equal((await httpGet200(url)).trim(), "v1");
    const oldPod = first.pod;

    // Redeploy: a new pod replaces the old one; the forward follows it on the same local port.
    await kube.applier.apply(web("v2", busybox));
    await ns.rolloutStatus("web", 120);
    await waitFor(
      "the new version through the same local port",
      async () => ((await httpGet200(url)).trim() === "v2" ? true : undefined),
      60_000,
    );
    const [again] = await manager.refresh();
    assert.equal(again?.localPort, first.localPort);
    assert.notEqual(again.pod, oldPod);
    // Many requests in a row, each a fresh stream: all served.
    for (let i = 0; i < 10; i++) assert.equal((await httpGet200(url, 10_000)).trim(), "v2");
  } finally {
    await manager.stop();
    squatter.close();
  }
});
