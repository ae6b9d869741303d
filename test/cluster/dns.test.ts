// Cluster DNS (CoreDNS on the node): pods resolve Services by name; nothing outside the cluster.
import assert from "node:assert/strict";
import { clusterTest, waitFor } from "../support/index.js";

clusterTest("pods resolve Service names through the cluster DNS", async (ns) => {
  await ns.apply(`
apiVersion: v1
kind: Pod
metadata: {name: client, labels: {app: client}}
spec:
  terminationGracePeriodSeconds: 1
  containers: [{name: c, image: ${ns.env.images["busybox"] ?? ""}, command: ["sleep", "3600"]}]
---
apiVersion: v1
kind: Service
metadata: {name: named}
spec:
  selector: {app: client}
  ports: [{port: 80}]
`);
  await ns.kubectl(["wait", "--for=condition=Ready", "pod/client", "--timeout=120s"]);
  const ip = await ns.kubectl(["get", "service", "named", "-o", "jsonpath={.spec.clusterIP}"]);
  const resolvConf = await ns.kubectl(["exec", "client", "--", "cat", "/etc/resolv.conf"]);
  assert.match(resolvConf, new RegExp(`nameserver ${ns.env.cluster.nodeIP.replaceAll(".", "\\.")}`));
  assert.match(resolvConf, new RegExp(`search ${ns.name}\\.svc\\.cluster\\.local`));
  const answer = await waitFor("the Service's name to resolve", async () => {
    const r = await ns.kubectl.raw([
      "exec",
      "client",
      "--",
      "nslookup",
      `named.${ns.name}.svc.cluster.local`,
    ]);
    return r.code === 0 && r.stdout.includes(ip) ? r.stdout : undefined;
  });
  assert.match(answer, new RegExp(`Address: ${ip.replaceAll(".", "\\.")}`));
  const outside = await ns.kubectl.raw(["exec", "client", "--", "nslookup", "example.com"]);
  assert.notEqual(outside.code, 0, "names outside the cluster must not resolve");
});
