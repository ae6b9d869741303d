// deploy.kubectl beyond plain manifests: remoteManifests (an object created in the cluster gets the built
// image and the run's labels) and --wait-for-deletions (a deploy waits for a same-named object that is still
// terminating, then succeeds; past --wait-for-deletions-max it fails naming the object).
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { background, clusterTest, repoRoot, toolEnv, type TestNamespace } from "../support/index.js";
import { scratchCopy } from "../cli/run-trestle.js";
import { runIdOf, trestleIn } from "./deploy-support.js";

const bin = join(repoRoot, "bin", "trestle.js");
const HOLD = "trestle.dev/test-hold";

/** hello-node's deployment, created by hand, held in deletion by a finalizer of ours. */
async function terminatingHelloNode(ns: TestNamespace): Promise<void> {
  await ns.apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello-node
  finalizers: ["${HOLD}"]
spec:
  replicas: 0
  selector:
    matchLabels:
      app: hello-node
  template:
    metadata:
      labels:
        app: hello-node
    spec:
      containers:
        - name: hello-node
          image: localhost:5000/trestle/busybox
`);
  await ns.kubectl(["delete", "deployment/hello-node", "--wait=false"]);
  const stamp = await ns.kubectl([
    "get",
    "deployment/hello-node",
    "-o",
    "jsonpath={.metadata.deletionTimestamp}",
  ]);
  assert.notEqual(stamp.trim(), "", "the deployment is terminating");
}

function release(ns: TestNamespace): Promise<string> {
  return ns.kubectl([
    "patch",
    "deployment/hello-node",
    "--type=merge",
    "-p",
    '{"metadata":{"finalizers":null}}',
  ]);
}

clusterTest(
  "deploy.kubectl.remoteManifests: a deployment created with kubectl gets the built image and the run's labels",
  async (ns) => {
    await ns.kubectl(["create", "deployment", "remote-web", "--image=localhost:5000/remote-web:placeholder"]);
    const dir = scratchCopy(join(repoRoot, "examples", "hello-node"));
    writeFileSync(
      join(dir, "skaffold.yaml"),
      `apiVersion: skaffold/v4beta14
kind: Config
build:
  artifacts:
    - image: localhost:5000/remote-web
  local:
    push: true
deploy:
  kubectl:
    remoteManifests:
      - deployment/remote-web
`,
    );
    const result = await trestleIn(ns, dir, ["run", "-n", ns.name]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /kubectl: applied 1 remote manifest\(s\) with the built images\./);
    assert.match(result.stdout, new RegExp(`${ns.name}:deployment/remote-web is ready`));
    const image = await ns.kubectl([
      "get",
      "deployment/remote-web",
      "-o",
      "jsonpath={.spec.template.spec.containers[0].image}",
    ]);
    assert.match(image, /^localhost:5000\/remote-web:[^@]+@sha256:[0-9a-f]{64}$/);
    assert.match(await runIdOf(ns, "deployment/remote-web"), /^[0-9a-f-]{36}$/);

    // The next deploy replaces the (now digest-pinned) image again, with the namespace in the entry.
    writeFileSync(join(dir, "server.js"), `// changed\n${readFileSync(join(dir, "server.js"), "utf8")}`);
    writeFileSync(
      join(dir, "skaffold.yaml"),
      readFileSync(join(dir, "skaffold.yaml"), "utf8").replace(
        "- deployment/remote-web",
        `- ${ns.name}:deployment/remote-web`,
      ),
    );
    const again = await trestleIn(ns, dir, ["run"]);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    const image2 = await ns.kubectl([
      "get",
      "deployment/remote-web",
      "-o",
      "jsonpath={.spec.template.spec.containers[0].image}",
    ]);
    assert.match(image2, /^localhost:5000\/remote-web:[^@]+@sha256:[0-9a-f]{64}$/);
    assert.notEqual(image2, image, "the rebuilt image replaced the pinned one");
  },
  { timeout: 600_000 },
);

clusterTest(
  "--wait-for-deletions: trestle run waits for a terminating deployment of the same name, then deploys",
  async (ns) => {
    await terminatingHelloNode(ns);
    const dir = scratchCopy(join(repoRoot, "examples", "hello-node"));
    const proc = background(
      process.execPath,
      [bin, "run", "-n", ns.name, "--wait-for-deletions-delay=500ms"],
      {
        cwd: dir,
        env: toolEnv(ns.env, { NO_COLOR: "1" }),
      },
    );
    const exit = new Promise<number | null>((resolve) => proc.child.on("close", resolve));
    try {
      await proc.waitForOutput(
        /Waiting for deletions: 1 object\(s\) still terminating \(deployment\/hello-node\)…/,
        600_000,
      );
      await release(ns);
      assert.equal(await exit, 0, proc.output());
      assert.match(proc.output(), new RegExp(`${ns.name}:deployment/hello-node is ready`));
      assert.match(await runIdOf(ns, "deployment/hello-node"), /^[0-9a-f-]{36}$/);
    } finally {
      await proc.stop();
    }
  },
  { timeout: 900_000 },
);

clusterTest(
  "--wait-for-deletions-max: a deletion that never completes fails the deploy with the object's name",
  async (ns) => {
    await terminatingHelloNode(ns);
    try {
      const dir = scratchCopy(join(repoRoot, "examples", "hello-node"));
      const result = await trestleIn(ns, dir, [
        "run",
        "-n",
        ns.name,
        "--wait-for-deletions-max=3s",
        "--wait-for-deletions-delay=1s",
      ]);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stdout + result.stderr, /Waiting for deletions: 1 object\(s\) still terminating/);
      assert.match(
        result.stderr,
        /1 object\(s\) to deploy were still terminating after 3s: deployment\/hello-node/,
      );
      assert.match(result.stderr, /--wait-for-deletions=false/);
      assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
    } finally {
      await release(ns);
    }
  },
  { timeout: 900_000 },
);
