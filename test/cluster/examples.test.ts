// The example applications deployed to the cluster from their own manifests (the image name in each
// manifest replaced by the pushed digest, as Trestle/Skaffold do), reached through a port-forward.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  clusterTest,
  dockerBuild,
  dockerPush,
  httpGet200,
  repoRoot,
  uniqueRef,
  type TestNamespace,
} from "../support/index.js";

const examples = join(repoRoot, "examples");

/** Builds and pushes one example artifact; returns ref@digest. */
async function publish(
  ns: TestNamespace,
  context: string,
  name: string,
  buildArgs: Record<string, string> = {},
): Promise<string> {
  const ref = await dockerBuild(ns.env, context, uniqueRef(ns.env, name), { buildArgs });
  return `${ref}@${await dockerPush(ns.env, ref)}`;
}

/** A manifest with `image: <from>` replaced by `image: <to>`. */
function manifest(path: string, from: string, to: string): string {
  const text = readFileSync(path, "utf8");
  assert.ok(text.includes(`image: ${from}\n`), `${path} has no image ${from}`);
  return text.replaceAll(`image: ${from}\n`, `image: ${to}\n`);
}

const singles: [string, string][] = [
  ["hello-go", "Hello from hello-go\n"],
  ["hello-node", "Hello from hello-node\n"],
  ["hello-python", "Hello from hello-python\n"],
  ["hello-java", "Hello from hello-java\n"],
];

for (const [name, greeting] of singles) {
  clusterTest(`examples/${name} runs in the cluster and answers through its Service`, async (ns) => {
    const image = await publish(ns, join(examples, name), name);
    await ns.apply(manifest(join(examples, name, "k8s", "deployment.yaml"), `localhost:5000/${name}`, image));
    await ns.rolloutStatus(name, 240);
    const pf = await ns.portForward(`service/${name}`, 8080);
    try {
      assert.equal(await httpGet200(`${pf.url}/`), greeting);
    } finally {
      await pf.close();
    }
    const logs = await ns.kubectl(["logs", `deployment/${name}`]);
    assert.match(logs, new RegExp(`${name} listening on :8080`));
  });
}

clusterTest("examples/multi-service: the frontend reaches the backend through its Service", async (ns) => {
  const dir = join(examples, "multi-service");
  const backend = await publish(ns, join(dir, "backend"), "multi-backend");
  const frontend = await publish(ns, join(dir, "frontend"), "multi-frontend", { BACKEND_IMAGE: backend });
  await ns.apply(manifest(join(dir, "k8s", "backend.yaml"), "localhost:5000/multi-backend", backend));
  await ns.apply(manifest(join(dir, "k8s", "frontend.yaml"), "localhost:5000/multi-frontend", frontend));
  await ns.rolloutStatus("backend", 240);
  await ns.rolloutStatus("frontend", 240);
  const pf = await ns.portForward("service/frontend", 8080);
  try {
    assert.equal(
      await httpGet200(`${pf.url}/`, 90_000),
      "frontend (contract 1) got: Hello from the backend\n",
    );
  } finally {
    await pf.close();
  }
});
