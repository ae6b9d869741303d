// `trestle debug` on the examples, in the cluster, as a background process: it builds in debug mode, deploys
// the workloads rewritten by the debug transforms (support files from the local debug support images), forwards
// the debug ports and prints how to attach. Through the ports it forwards, Delve (Go) stops at a breakpoint in
// the HTTP handler and lets the request finish, Node's inspector evaluates an expression in the process,
// debugpy (Python) stops at a breakpoint over DAP, and the JVM answers the JDWP handshake.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAttachLine } from "../../src/debug/session.js";
import { scratchCopy } from "../cli/run-trestle.js";
import {
  CdpClient,
  DapClient,
  DlvClient,
  jdwpHello,
  listTargets,
  withTimeout,
} from "../support/debuggers/index.js";
import {
  background,
  clusterTest,
  httpGet200,
  repoRoot,
  toolEnv,
  waitFor,
  type TestNamespace,
} from "../support/index.js";

const examples = join(repoRoot, "examples");
const bin = join(repoRoot, "bin", "trestle.js");

/** 1-based number of the first line of `file` that contains `text`. */
function lineOf(file: string, text: string): number {
  const index = readFileSync(file, "utf8")
    .split("\n")
    .findIndex((line) => line.includes(text));
  assert.ok(index >= 0, `${file} has no line with ${text}`);
  return index + 1;
}

/** A running `trestle debug` session and what it printed. */
interface DebugRun {
  /** The local port Trestle forwards to the container's debug port, read from its attach line. */
  readonly debugPort: number;
  /** The runtime and protocol of the attach line. */
  readonly attach: { readonly runtime: string; readonly protocol: string };
  /** The app's service, through the forward Trestle lists in its table. */
  readonly appUrl: string;
  /** The deployed (rewritten) Deployment. */
  readonly deployment: Record<string, unknown>;
  /** Ctrl+C, then waits for the cleanup; resolves with everything it printed. */
  stop(): Promise<string>;
  /** The promise, whose failure also shows what trestle debug printed. */
  explain<T>(promise: Promise<T>): Promise<T>;
}

/**
 * Runs `trestle debug` on a copy of an example in the test namespace with the local support images, and
 * resolves once it printed the attach line of the example's container and the app's forward.
 */
async function startDebugging(ns: TestNamespace, name: string): Promise<DebugRun> {
  const dir = scratchCopy(join(examples, name));
  const helpers = `${ns.env.registry.address}/trestle/debug-support`;
  const bg = background(
    process.execPath,
    [bin, "debug", "-n", ns.name, "--debug-helpers-registry", helpers],
    { cwd: dir, env: toolEnv(ns.env, { NO_COLOR: "1" }) },
  );
  let exited = false;
  bg.child.on("close", () => {
    exited = true;
  });
  const explain = <T>(promise: Promise<T>): Promise<T> =>
    promise.catch((error: unknown) => {
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n--- trestle debug output:\n${bg.output()}`,
      );
    });
  const printed = (pattern: RegExp): Promise<RegExpMatchArray> =>
    explain(
      waitFor(
        `${String(pattern)} in trestle debug's output`,
        () => {
          const found = bg.output().match(pattern);
          if (found) return Promise.resolve(found);
          if (exited) throw new Error("trestle debug exited");
          return Promise.resolve(undefined);
        },
        480_000,
        200,
      ),
    );
  const stop = async (): Promise<string> => {
    if (!exited) bg.child.kill("SIGINT");
    await waitFor("trestle debug to exit", () => Promise.resolve(exited ? true : undefined), 180_000, 200);
    return bg.output();
  };
  try {
    const line = await printed(new RegExp(`^Debug \\S+ container ${name} \\(.*$`, "m"));
    const attach = parseAttachLine(line[0]);
    assert.ok(attach, `a forwarded attach line: ${line[0]}`);
    const app = await printed(new RegExp(`^service/${name}\\s+${ns.name}\\s+8080\\s+(http://\\S+)`, "m"));
    const deployment = JSON.parse(await ns.kubectl(["get", "deployment", name, "-o", "json"])) as Record<
      string,
      unknown
    >;
    return {
      debugPort: attach.localPort,
      attach: { runtime: attach.runtime, protocol: attach.protocol },
      appUrl: app[1] ?? "",
      deployment,
      stop,
      explain,
    };
  } catch (error) {
    await stop();
    throw error;
  }
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
    const session = await startDebugging(ns, "hello-go");
    let dlv: DlvClient | undefined;
    try {
      assert.deepEqual(session.attach, { runtime: "go", protocol: "dlv" });
      assert.deepEqual(debugAnnotation(session.deployment), {
        "hello-go": {
          artifact: "localhost:5000/hello-go",
          runtime: "go",
          workingDir: "/home/nonroot",
          ports: { dlv: 56268 },
        },
      });
      dlv = await session.explain(DlvClient.connect(session.debugPort));
      await httpGet200(`${session.appUrl}/healthz`);
      const line = lineOf(join(examples, "hello-go", "main.go"), 'log.Printf("%s %s", r.Method');
      await dlv.command("halt");
      const breakpoint = await dlv.breakAt("main.go", line);
      assert.equal(breakpoint.line, line);
      const stopped = dlv.command("continue", 120_000);
      const request = pendingGet(`${session.appUrl}/debugged`);
      const state = await stopped;
      assert.equal(state.currentThread?.breakPoint?.id, breakpoint.id, "stopped at our breakpoint");
      assert.equal(state.currentThread.line, line);
      assert.equal(request.done(), false, "the request waits while the handler is stopped");
      await dlv.call("ClearBreakpoint", { Id: breakpoint.id });
      void dlv.command("continue", 120_000).catch(() => undefined);
      assert.equal(await withTimeout(request.body, 60_000, "the response"), "Hello from hello-go\n");
    } finally {
      dlv?.close();
      await session.stop();
    }
  },
);

clusterTest("debug Node.js: the inspector evaluates an expression inside the process", async (ns) => {
  const session = await startDebugging(ns, "hello-node");
  try {
    assert.deepEqual(session.attach, { runtime: "nodejs", protocol: "devtools" });
    assert.deepEqual(debugAnnotation(session.deployment), {
      "hello-node": {
        artifact: "localhost:5000/hello-node",
        runtime: "nodejs",
        workingDir: "/app",
        ports: { devtools: 9229 },
      },
    });
    const targets = await session.explain(listTargets(session.debugPort));
    const target = targets[0];
    assert.ok(target, "node lists an inspector target");
    const cdp = await CdpClient.connect(session.debugPort, target);
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
    await session.stop();
  }
});

clusterTest("debug Python: debugpy accepts a DAP attach and stops at a breakpoint", async (ns) => {
  const session = await startDebugging(ns, "hello-python");
  let dap: DapClient | undefined;
  try {
    assert.deepEqual(session.attach, { runtime: "python", protocol: "dap" });
    assert.deepEqual(debugAnnotation(session.deployment), {
      "hello-python": {
        artifact: "localhost:5000/hello-python",
        runtime: "python",
        workingDir: "/app",
        ports: { dap: 5678 },
      },
    });
    dap = await session.explain(DapClient.connect(session.debugPort));
    await httpGet200(`${session.appUrl}/healthz`);
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
    const request = pendingGet(`${session.appUrl}/debugged`);
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
    dap?.close();
    await session.stop();
  }
});

clusterTest("debug JVM: the JDWP agent answers the handshake and names the VM", async (ns) => {
  const session = await startDebugging(ns, "hello-java");
  try {
    assert.deepEqual(session.attach, { runtime: "jvm", protocol: "jdwp" });
    assert.deepEqual(debugAnnotation(session.deployment), {
      "hello-java": { artifact: "localhost:5000/hello-java", runtime: "jvm", ports: { jdwp: 5005 } },
    });
    const hello = await session.explain(jdwpHello(session.debugPort));
    assert.equal(hello.handshake, "JDWP-Handshake");
    assert.match(hello.description, /Java Debug Wire Protocol/);
    assert.match(hello.vmName, /OpenJDK|HotSpot/);
  } finally {
    await session.stop();
  }
});
