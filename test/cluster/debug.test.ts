// Debuggers attach to the examples running in the cluster with their workloads rewritten by the debug
// transforms and the support files installed by the local debug support images: Delve (Go) stops at a
// breakpoint in the HTTP handler and lets the request finish, Node's inspector evaluates an expression in
// the process, debugpy (Python) stops at a breakpoint over DAP, and the JVM answers the JDWP handshake.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments, stringify } from "yaml";
import {
  applyDebugTransforms,
  imageConfigurationFromOci,
  type OciImageConfig,
} from "../../src/debug/index.js";
import {
  CdpClient,
  DapClient,
  DlvClient,
  jdwpHello,
  listTargets,
  withTimeout,
} from "../support/debuggers/index.js";
import {
  clusterTest,
  docker,
  dockerBuild,
  dockerPush,
  httpGet200,
  repoRoot,
  uniqueRef,
  type TestNamespace,
} from "../support/index.js";

const examples = join(repoRoot, "examples");

/** 1-based number of the first line of `file` that contains `text`. */
function lineOf(file: string, text: string): number {
  const index = readFileSync(file, "utf8")
    .split("\n")
    .findIndex((line) => line.includes(text));
  assert.ok(index >= 0, `${file} has no line with ${text}`);
  return index + 1;
}

/**
 * Builds and pushes an example (as `trestle debug` builds it: Go without optimisations), then deploys its
 * manifest rewritten by the debug transforms with the local support images; resolves once it rolled out.
 */
async function deployForDebugging(ns: TestNamespace, name: string): Promise<Record<string, unknown>> {
  const buildArgs: Record<string, string> = name === "hello-go" ? { SKAFFOLD_GO_GCFLAGS: "all=-N -l" } : {};
  const ref = await dockerBuild(ns.env, join(examples, name), uniqueRef(ns.env, name), { buildArgs });
  const image = `${ref}@${await dockerPush(ns.env, ref)}`;
  const inspected = JSON.parse(await docker(ns.env, ["image", "inspect", ref])) as {
    Author?: string;
    Config: OciImageConfig["config"];
  }[];
  const first = inspected[0];
  assert.ok(first?.Config);
  const config = imageConfigurationFromOci(`localhost:5000/${name}`, undefined, {
    ...(first.Author === undefined ? {} : { author: first.Author }),
    config: first.Config,
  });
  const text = readFileSync(join(examples, name, "k8s", "deployment.yaml"), "utf8").replaceAll(
    `image: localhost:5000/${name}\n`,
    `image: ${image}\n`,
  );
  const docs = parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>);
  const { manifests } = applyDebugTransforms(docs, new Map([[image, config]]), {
    helpersRegistry: `${ns.env.registry.address}/trestle/debug-support`,
  });
  await ns.apply(manifests.map((m) => stringify(m)).join("---\n"));
  await ns.rolloutStatus(name, 240);
  const deployment = manifests.find((m) => (m as { kind?: string }).kind === "Deployment");
  assert.ok(deployment);
  return deployment as Record<string, unknown>;
}

/** The `debug.cloud.google.com/config` annotation of a deployment's pod template. */
function debugAnnotation(deployment: Record<string, unknown>): unknown {
  const template = (deployment["spec"] as { template: { metadata: { annotations: Record<string, string> } } })
    .template;
  const value = template.metadata.annotations["debug.cloud.google.com/config"];
  assert.ok(value, "the pod template carries the debug annotation");
  return JSON.parse(value);
}

/** A GET that is still pending while the debugger holds the handler; tells whether it has finished. */
function pendingGet(url: string): { readonly done: () => boolean; readonly body: Promise<string> } {
  let finished = false;
  const body = fetch(url, { signal: AbortSignal.timeout(120_000) }).then(async (res) => {
    finished = true;
    assert.equal(res.status, 200);
    return res.text();
  });
  return { done: () => finished, body };
}

clusterTest(
  "debug Go: Delve stops at a breakpoint in the HTTP handler, the request completes after continue",
  async (ns) => {
    const deployment = await deployForDebugging(ns, "hello-go");
    assert.deepEqual(debugAnnotation(deployment), {
      "hello-go": {
        artifact: "localhost:5000/hello-go",
        runtime: "go",
        workingDir: "/home/nonroot",
        ports: { dlv: 56268 },
      },
    });
    const app = await ns.portForward("service/hello-go", 8080);
    const dlvPort = await ns.portForward("deployment/hello-go", 56268);
    const dlv = await DlvClient.connect(dlvPort.localPort);
    try {
      await httpGet200(`${app.url}/healthz`);
      const line = lineOf(join(examples, "hello-go", "main.go"), 'log.Printf("%s %s", r.Method');
      await dlv.command("halt");
      const breakpoint = await dlv.breakAt("main.go", line);
      assert.equal(breakpoint.line, line);
      const stopped = dlv.command("continue", 120_000);
      const request = pendingGet(`${app.url}/debugged`);
      const state = await stopped;
      assert.equal(state.currentThread?.breakPoint?.id, breakpoint.id, "stopped at our breakpoint");
      assert.equal(state.currentThread.line, line);
      assert.equal(request.done(), false, "the request waits while the handler is stopped");
      await dlv.call("ClearBreakpoint", { Id: breakpoint.id });
      void dlv.command("continue", 120_000).catch(() => undefined);
      assert.equal(await withTimeout(request.body, 60_000, "the response"), "Hello from hello-go\n");
    } finally {
      dlv.close();
      await dlvPort.close();
      await app.close();
    }
  },
);

clusterTest("debug Node.js: the inspector evaluates an expression inside the process", async (ns) => {
  const deployment = await deployForDebugging(ns, "hello-node");
  assert.deepEqual(debugAnnotation(deployment), {
    "hello-node": {
      artifact: "localhost:5000/hello-node",
      runtime: "nodejs",
      workingDir: "/app",
      ports: { devtools: 9229 },
    },
  });
  const forward = await ns.portForward("deployment/hello-node", 9229);
  try {
    const targets = await listTargets(forward.localPort);
    const target = targets[0];
    assert.ok(target, "node lists an inspector target");
    const cdp = await CdpClient.connect(forward.localPort, target);
    try {
      assert.equal(await cdp.evaluate("6 * 7"), 42);
      const argv = await cdp.evaluate("[...process.execArgv, ...process.argv.slice(1)].join(' ')");
      assert.equal(argv, "--inspect=0.0.0.0:9229 /app/server.js");
      const pod = await ns.kubectl([
        "get",
        "pods",
        "-l",
        "app=hello-node",
        "-o",
        "jsonpath={.items[0].metadata.name}",
      ]);
      assert.equal(await cdp.evaluate("process.env.HOSTNAME"), pod);
    } finally {
      cdp.close();
    }
  } finally {
    await forward.close();
  }
});

clusterTest("debug Python: debugpy accepts a DAP attach and stops at a breakpoint", async (ns) => {
  const deployment = await deployForDebugging(ns, "hello-python");
  assert.deepEqual(debugAnnotation(deployment), {
    "hello-python": {
      artifact: "localhost:5000/hello-python",
      runtime: "python",
      workingDir: "/app",
      ports: { dap: 5678 },
    },
  });
  const app = await ns.portForward("service/hello-python", 8080);
  const forward = await ns.portForward("deployment/hello-python", 5678);
  const dap = await DapClient.connect(forward.localPort);
  try {
    await httpGet200(`${app.url}/healthz`);
    const initialized = await dap.request("initialize", {
      clientID: "trestle-test",
      adapterID: "debugpy",
      pathFormat: "path",
      linesStartAt1: true,
      columnsStartAt1: true,
    });
    assert.equal(initialized.body?.["supportsConfigurationDoneRequest"], true);
    const attached = dap.request("attach", { justMyCode: true });
    await dap.event("initialized");
    const line = lineOf(join(examples, "hello-python", "app.py"), 'print("%s %s" % (self.command');
    const set = await dap.request("setBreakpoints", {
      source: { path: "/app/app.py" },
      breakpoints: [{ line }],
    });
    assert.equal((set.body?.["breakpoints"] as { verified: boolean }[])[0]?.verified, true);
    await dap.request("configurationDone");
    await attached;
    const request = pendingGet(`${app.url}/debugged`);
    const stopped = await dap.event("stopped", 60_000);
    assert.equal(stopped.body?.["reason"], "breakpoint");
    const threadId = stopped.body?.["threadId"];
    const trace = await dap.request("stackTrace", { threadId, levels: 1 });
    const frame = (trace.body?.["stackFrames"] as { line: number; source: { path: string } }[])[0];
    assert.deepEqual([frame?.source.path, frame?.line], ["/app/app.py", line]);
    assert.equal(request.done(), false, "the request waits while the handler is stopped");
    await dap.request("continue", { threadId });
    assert.equal(await withTimeout(request.body, 60_000, "the response"), "Hello from hello-python\n");
    await dap.request("disconnect", { terminateDebuggee: false }).catch(() => undefined);
  } finally {
    dap.close();
    await forward.close();
    await app.close();
  }
});

clusterTest("debug JVM: the JDWP agent answers the handshake and names the VM", async (ns) => {
  const deployment = await deployForDebugging(ns, "hello-java");
  assert.deepEqual(debugAnnotation(deployment), {
    "hello-java": { artifact: "localhost:5000/hello-java", runtime: "jvm", ports: { jdwp: 5005 } },
  });
  const forward = await ns.portForward("deployment/hello-java", 5005);
  try {
    const hello = await jdwpHello(forward.localPort);
    assert.equal(hello.handshake, "JDWP-Handshake");
    assert.match(hello.description, /Java Debug Wire Protocol/);
    assert.match(hello.vmName, /OpenJDK|HotSpot/);
  } finally {
    await forward.close();
  }
});
