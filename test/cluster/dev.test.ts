// `trestle dev` on the examples, against the real cluster: a synced Node.js or Python file is served without
// a pod restart, deletions reach the container, a Go change rebuilds and redeploys, a manifest change only
// redeploys (and the synced files are replayed into the new pod), a skaffold.yaml change reloads, an image
// without tar or a shell receives files through the helper, and Ctrl+C deletes what was deployed.
import assert from "node:assert/strict";
import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { clusterTest, repoRoot, type TestNamespace } from "../support/index.js";
import { scratchCopy, scratchFiles } from "../cli/run-trestle.js";
import { podFacts, served, startDev, type DevProcess } from "./dev-support.js";

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, "utf8");
  assert.ok(text.includes(from), `${file} contains ${from}`);
  writeFileSync(file, text.replace(from, to));
}

async function withForward<T>(
  ns: TestNamespace,
  service: string,
  fn: (url: string) => Promise<T>,
): Promise<T> {
  const pf = await ns.portForward(`service/${service}`, 8080);
  try {
    return await fn(pf.url);
  } finally {
    await pf.close();
  }
}

async function stopAndCheckCleanup(ns: TestNamespace, dev: DevProcess, deployment: string): Promise<void> {
  const output = await dev.interrupt();
  assert.match(output, /Cleaning up\.\.\.[\s\S]*Cleanup complete\./);
  const left = await ns.kubectl.raw(["get", `deployment/${deployment}`, "-o", "name"]);
  assert.notEqual(left.code, 0, `deployment/${deployment} is gone after Ctrl+C: ${left.stdout}`);
}

clusterTest(
  "trestle dev hello-node: sync without restart, deletions, manifest redeploy with replay, reload, cleanup",
  async (ns) => {
    const dir = scratchCopy(join(repoRoot, "examples", "hello-node"));
    const dev = startDev(ns, dir);
    try {
      await dev.next(/Watching for changes/, 0, 600_000);
      const before = await podFacts(ns, "hello-node");
      await withForward(ns, "hello-node", async (url) => {
        assert.equal(await dev.explain(served(url, () => true)), "Hello from hello-node\n");

        let at = dev.mark();
        edit(join(dir, "handler.js"), "Hello from", "Howdy from");
        await dev.next(/Synced 1 file into 1 pod \(1 container, via helper\) in \d+/, at);
        assert.equal(await dev.explain(served(url, (b) => b.startsWith("Howdy"))), "Howdy from hello-node\n");
        const after = await podFacts(ns, "hello-node");
        assert.deepEqual(after, before, "same pod, no container restart");
        assert.doesNotMatch(dev.process.output().slice(at), /Rebuilding|Redeployed/);

        at = dev.mark();
        writeFileSync(join(dir, "extra.js"), "export const extra = 1;\n");
        await dev.next(/Synced 1 file into 1 pod/, at);
        const listed = await ns.kubectl(["exec", before.name, "-c", "hello-node", "--", "ls", "/app"]);
        assert.match(listed, /^extra\.js$/m);

        at = dev.mark();
        rmSync(join(dir, "extra.js"));
        await dev.next(/Synced 0 files, deleted 1 into 1 pod/, at);
        const relisted = await ns.kubectl(["exec", before.name, "-c", "hello-node", "--", "ls", "/app"]);
        assert.doesNotMatch(relisted, /extra\.js/);
        assert.match(relisted, /^handler\.js$/m);
      });

      let at = dev.mark();
      edit(join(dir, "k8s", "deployment.yaml"), "cpu: 10m", "cpu: 11m");
      await dev.next(/Redeployed in/, at);
      await dev.next(/Iteration \d+: redeployed in/, at);
      const redeploy = dev.process.output().slice(at);
      assert.doesNotMatch(redeploy, /Rebuilding|Starting build/, "a manifest change builds nothing");
      await withForward(ns, "hello-node", async (url) => {
        // The new pod runs the image as built; the synced handler.js is replayed into it.
        assert.equal(await dev.explain(served(url, (b) => b.startsWith("Howdy"))), "Howdy from hello-node\n");
      });
      const replaced = await podFacts(ns, "hello-node");
      assert.notEqual(replaced.uid, before.uid, "the manifest change replaced the pod");
      await dev.next(/Re-applied \d+ synced path\(s\) to /, at);

      at = dev.mark();
      appendFileSync(join(dir, "skaffold.yaml"), "# edited by the test\n");
      await dev.next(/Configuration changed \(.*skaffold\.yaml\): reloading\./, at);
      await dev.next(/Reloading the configuration and restarting the dev loop/, at);
      await dev.next(/Watching for changes/, at, 600_000);
    } finally {
      await stopAndCheckCleanup(ns, dev, "hello-node");
    }
  },
  { timeout: 1_200_000 },
);

clusterTest(
  "trestle dev hello-python: an edited handler.py is served without a pod restart",
  async (ns) => {
    const dir = scratchCopy(join(repoRoot, "examples", "hello-python"));
    const dev = startDev(ns, dir);
    try {
      await dev.next(/Watching for changes/, 0, 600_000);
      const before = await podFacts(ns, "hello-python");
      await withForward(ns, "hello-python", async (url) => {
        assert.equal(await dev.explain(served(url, () => true)), "Hello from hello-python\n");
        const at = dev.mark();
        edit(join(dir, "handler.py"), "Hello from", "Howdy from");
        await dev.next(/Synced 1 file into 1 pod \(1 container, via helper\)/, at);
        assert.equal(
          await dev.explain(served(url, (b) => b.startsWith("Howdy"))),
          "Howdy from hello-python\n",
        );
      });
      assert.deepEqual(await podFacts(ns, "hello-python"), before, "same pod, no container restart");
    } finally {
      await stopAndCheckCleanup(ns, dev, "hello-python");
    }
  },
  { timeout: 1_200_000 },
);

clusterTest(
  "trestle dev hello-go: an edited main.go is rebuilt and redeployed, and the new behaviour served",
  async (ns) => {
    const dir = scratchCopy(join(repoRoot, "examples", "hello-go"));
    const dev = startDev(ns, dir);
    try {
      await dev.next(/Watching for changes/, 0, 600_000);
      await withForward(ns, "hello-go", async (url) => {
        assert.equal(await dev.explain(served(url, () => true)), "Hello from hello-go\n");
      });
      const at = dev.mark();
      edit(join(dir, "main.go"), `"Hello from hello-go"`, `"Howdy from hello-go"`);
      await dev.next(/Rebuilding localhost:5000\/hello-go: main\.go changed \(no sync rules\)/, at);
      await dev.next(/Rebuilt localhost:5000\/hello-go in/, at, 600_000);
      await dev.next(/Iteration \d+: rebuilt, redeployed in/, at, 600_000);
      await withForward(ns, "hello-go", async (url) => {
        assert.equal(await dev.explain(served(url, (b) => b.startsWith("Howdy"))), "Howdy from hello-go\n");
      });
    } finally {
      await stopAndCheckCleanup(ns, dev, "hello-go");
    }
  },
  { timeout: 1_200_000 },
);

const staticServer = `package main

import (
	"net/http"
)

func main() {
	http.Handle("/", http.FileServer(http.Dir("/www")))
	_ = http.ListenAndServe(":8080", nil)
}
`;

const staticManifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: files
  labels: { app: files }
spec:
  replicas: 1
  selector: { matchLabels: { app: files } }
  template:
    metadata: { labels: { app: files } }
    spec:
      terminationGracePeriodSeconds: 2
      containers:
        - name: files
          image: localhost:5000/trestle-dev-static
          ports: [{ containerPort: 8080, name: http }]
          readinessProbe: { httpGet: { path: /index.txt, port: http }, periodSeconds: 2 }
---
apiVersion: v1
kind: Service
metadata:
  name: files
  labels: { app: files }
spec:
  selector: { app: files }
  ports: [{ port: 8080, targetPort: http }]
`;

clusterTest(
  "trestle dev into an image without tar or a shell: files arrive through the injected helper",
  async (ns) => {
    const dir = scratchFiles({
      "main.go": staticServer,
      "go.mod": "module files\n\ngo 1.19\n",
      "www/index.txt": "first\n",
      Dockerfile: [
        "FROM localhost:5000/trestle/golang:1.19 AS build",
        "COPY go.mod main.go ./",
        "RUN CGO_ENABLED=0 go build -o /out/files .",
        "FROM localhost:5000/trestle/static:latest",
        "COPY --from=build /out/files /files",
        "COPY --chown=65532:65532 www/ /www/",
        "USER 65532:65532",
        'ENTRYPOINT ["/files"]',
        "",
      ].join("\n"),
      "k8s/deployment.yaml": staticManifest,
      "skaffold.yaml": [
        "apiVersion: skaffold/v4beta14",
        "kind: Config",
        "build:",
        "  artifacts:",
        "    - image: localhost:5000/trestle-dev-static",
        "      sync:",
        "        manual:",
        '          - src: "www/**"',
        "            dest: /www",
        "            strip: www/",
        "  local:",
        "    push: true",
        "manifests:",
        "  rawYaml: [k8s/deployment.yaml]",
        "deploy:",
        "  kubectl: {}",
        "",
      ].join("\n"),
    });
    const dev = startDev(ns, dir);
    try {
      await dev.next(/Watching for changes/, 0, 600_000);
      const before = await podFacts(ns, "files");
      const noTar = await ns.kubectl.raw(["exec", before.name, "-c", "files", "--", "tar", "--version"]);
      assert.notEqual(noTar.code, 0, "the image has no tar");
      await withForward(ns, "files", async (url) => {
        assert.equal(await dev.explain(served(`${url}/index.txt`, () => true)), "first\n");
        let at = dev.mark();
        writeFileSync(join(dir, "www", "index.txt"), "second\n");
        await dev.next(/Synced 1 file into 1 pod \(1 container, via helper\)/, at);
        assert.equal(await dev.explain(served(`${url}/index.txt`, (b) => b === "second\n")), "second\n");
        at = dev.mark();
        writeFileSync(join(dir, "www", "new.txt"), "new\n");
        await dev.next(/Synced 1 file into 1 pod/, at);
        assert.equal(await dev.explain(served(`${url}/new.txt`, () => true)), "new\n");
        at = dev.mark();
        rmSync(join(dir, "www", "new.txt"));
        await dev.next(/Synced 0 files, deleted 1 into 1 pod/, at);
        const gone = await fetch(`${url}/new.txt`);
        assert.equal(gone.status, 404, "the deleted file is gone in the container");
      });
      assert.deepEqual(await podFacts(ns, "files"), before, "same pod, no container restart");
    } finally {
      await stopAndCheckCleanup(ns, dev, "files");
    }
  },
  { timeout: 1_200_000 },
);
