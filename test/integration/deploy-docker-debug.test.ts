// The Docker deployer under debug, on the real engine: it installs the support files into a volume from the
// local support images, runs the example with the debugger's command line and publishes the debug port, whose
// debugger answers (Node's inspector lists the app and evaluates in it; Delve answers JSON-RPC). Cleanup
// removes the containers, the network and the support volume.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { dockerDeployer } from "../../src/deploy/docker/deployer.js";
import { supportVolume } from "../../src/deploy/docker/debug.js";
import type { DeployedResource } from "../../src/deploy/types.js";
import { parseAttachLine } from "../../src/debug/session.js";
import { createDockerDaemon } from "../../src/docker/index.js";
import { processExec } from "../../src/proc/exec.js";
import { CdpClient, DlvClient, listTargets } from "../support/debuggers/index.js";
import {
  docker,
  dockerBuild,
  ensureEnv,
  httpGet200,
  repoRoot,
  toolEnv,
  uniqueRef,
} from "../support/index.js";

const env = ensureEnv({ cluster: false });
const engine = createDockerDaemon({ exec: processExec, env: toolEnv(env) });
const helpersRegistry = `${env.registry.address}/trestle/debug-support`;

/** Deploys one locally built example under debug; returns the output lines, the attach line and a cleanup. */
async function deployDebugged(example: string, buildArgs: Record<string, string> = {}) {
  const ref = await dockerBuild(env, join(repoRoot, "examples", example), uniqueRef(env, `${example}-dd`), {
    buildArgs,
  });
  const imageName = ref.slice(0, ref.lastIndexOf(":"));
  const deployer = dockerDeployer({
    config: { images: [imageName] },
    portForward: [],
    managedBy: "skaffold",
    engine: () => engine,
    debug: { helpersRegistry, protocols: [], runtimeTypes: new Map() },
  });
  const lines: string[] = [];
  const applied: DeployedResource[] = [];
  const runId = randomUUID();
  const labels = { "skaffold.dev/run-id": runId, "app.kubernetes.io/managed-by": "skaffold" };
  const signal = new AbortController().signal;
  await deployer.deploy({
    runId,
    labels,
    builds: [{ imageName, tag: ref }],
    manifests: [],
    iteration: 0,
    output: (line) => lines.push(line),
    onApplied: (r) => applied.push(...r),
    signal,
  });
  const name = imageName.split("/").pop() ?? "";
  const attach = lines.map(parseAttachLine).find((a) => a !== undefined);
  assert.ok(attach, lines.join("\n"));
  const cleanup = () => deployer.cleanup({ manifests: [], dryRun: false, output: () => undefined, signal });
  const app = /\(ports (?:.*, )?8080\/tcp -> 127\.0\.0\.1:(\d+)/.exec(lines.join("\n"));
  assert.ok(app, lines.join("\n"));
  return { name, imageName, lines, attach, appUrl: `http://127.0.0.1:${app[1] ?? ""}`, cleanup };
}

describe("deploy.docker under trestle debug (real engine)", () => {
  // While the app starts, Docker's port proxy accepts and holds connections, and fetch's pending request
  // keeps nothing alive (its timeout timer is unref'd): without a handle the runner would see an empty loop.
  let keepAlive: NodeJS.Timeout | undefined;
  before(() => {
    keepAlive = setInterval(() => undefined, 1_000);
  });
  after(() => {
    clearInterval(keepAlive);
  });

  it("Node.js: the inspector on the published port evaluates inside the app", async () => {
    const { name, imageName, attach, appUrl, cleanup } = await deployDebugged("hello-node");
    try {
      assert.deepEqual(
        [attach.resource, attach.container, attach.runtime, attach.protocol],
        [`container/${name}`, name, "nodejs", "devtools"],
      );
      assert.match(await httpGet200(`${appUrl}/`), /Hello from hello-node/);
      const targets = await listTargets(attach.localPort);
      assert.ok(targets[0], "the inspector lists the app");
      const cdp = await CdpClient.connect(attach.localPort, targets[0]);
      try {
        assert.equal(await cdp.evaluate("6 * 7"), 42);
        assert.match(String(await cdp.evaluate("process.execArgv.join(' ')")), /--inspect=0\.0\.0\.0:9229/);
      } finally {
        cdp.close();
      }
      const label = await docker(env, [
        "inspect",
        "--format",
        '{{index .Config.Labels "debug.cloud.google.com/config"}}',
        name,
      ]);
      assert.deepEqual(JSON.parse(label), {
        [name]: { artifact: imageName, runtime: "nodejs", workingDir: "/app", ports: { devtools: 9229 } },
      });
    } finally {
      await cleanup();
    }
    assert.equal(
      await engine.volumes.exists(supportVolume(name)),
      false,
      "cleanup removes the support volume",
    );
  });

  it("Go: Delve runs the program and answers JSON-RPC on the published port", async () => {
    const { name, attach, appUrl, cleanup } = await deployDebugged("hello-go", {
      SKAFFOLD_GO_GCFLAGS: "all=-N -l",
    });
    try {
      assert.deepEqual([attach.runtime, attach.protocol], ["go", "dlv"]);
      assert.equal(await engine.volumes.exists(supportVolume(name)), true);
      const dlv = await DlvClient.connect(attach.localPort);
      try {
        const state = await dlv.command("halt");
        assert.equal(state.exited, false);
        assert.equal(state.Running, false, "halted");
        void dlv.command("continue").catch(() => undefined);
        assert.match(await httpGet200(`${appUrl}/`), /Hello from hello-go/, "serves again after continue");
      } finally {
        dlv.close();
      }
    } finally {
      await cleanup();
    }
  });
});
