// End-to-end `trestle dev` latency: from saving a synced file to the running app serving the new content,
// median and p95 over N edits, on examples/hello-node (a temporary copy) and on the same app inside a generated
// 250,000-file workspace whose bulk (node_modules/) is ignored; plus the CPU an idle `trestle dev` uses on that
// workspace. Runs the built CLI (`npm run build` first) against the environment's cluster (`scripts/env up`).
// Usage: node bench/dev-served.mjs [edits]   (default 20)
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { machine, stats } from "./machine.mjs";

const edits = Number(process.argv[2] ?? 20);
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const envFile =
  process.env.TRESTLE_ENV_FILE ?? join(process.env.HOME ?? "/root", ".cache", "trestle-env", "env.json");
const state = JSON.parse(readFileSync(envFile, "utf8"));
const env = {
  ...process.env,
  PATH: `${state.binDir}:${process.env.PATH ?? ""}`,
  KUBECONFIG: state.cluster.kubeconfig,
  DOCKER_HOST: state.docker.host,
  NO_COLOR: "1",
};
const kubectl = (args) => {
  const r = spawnSync("kubectl", args, { env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`kubectl ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A child process whose output is kept, with a wait for a pattern printed after a mark. */
function child(command, args, options) {
  const proc = spawn(command, args, { ...options, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout.setEncoding("utf8").on("data", (c) => (out += c));
  proc.stderr.setEncoding("utf8").on("data", (c) => (out += c));
  return {
    proc,
    output: () => out,
    async wait(pattern, from = 0, timeoutMs = 600_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const m = out.slice(from).match(pattern);
        if (m) return m;
        if (proc.exitCode !== null || Date.now() > end)
          throw new Error(`no ${pattern} from ${command} ${args.join(" ")}:\n${out}`);
        await sleep(20);
      }
    },
  };
}

/** CPU seconds (user + system) the process has used so far, from /proc. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

function workspace(bulk) {
  const dir = mkdtempSync(join(tmpdir(), "trestle-bench-served-"));
  cpSync(join(repoRoot, "examples", "hello-node"), dir, { recursive: true });
  if (bulk) {
    writeFileSync(join(dir, ".dockerignore"), "node_modules\n");
    writeFileSync(join(dir, ".gitignore"), "node_modules/\n");
    for (let d = 0; d < 2500; d++) {
      const sub = join(dir, "node_modules", `pkg${String(d)}`);
      mkdirSync(sub, { recursive: true });
      for (let f = 0; f < 100; f++) writeFileSync(join(sub, `f${String(f)}.js`), "x");
    }
  }
  return dir;
}

async function measure(label, bulk) {
  const t = performance.now();
  const dir = workspace(bulk);
  if (bulk)
    console.log(`generated the 250,000-file workspace in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  const ns = `bench-dev-${randomBytes(3).toString("hex")}`;
  kubectl(["create", "namespace", ns]);
  const dev = child(process.execPath, [join(repoRoot, "bin", "trestle.js"), "dev", "-n", ns], { cwd: dir });
  let forward;
  try {
    await dev.wait(/Watching for changes/);
    forward = child("kubectl", ["-n", ns, "port-forward", "deployment/hello-node", ":8080"], { cwd: dir });
    const port = (await forward.wait(/Forwarding from 127\.0\.0\.1:(\d+)/, 0, 60_000))[1];
    const url = `http://127.0.0.1:${port}/`;
    const handler = join(dir, "handler.js");
    const original = readFileSync(handler, "utf8");
    const samples = [];
    for (let i = 1; i <= edits; i++) {
      const text = `Edit ${String(i)} from hello-node`;
      const mark = dev.output().length;
      const saved = performance.now();
      writeFileSync(handler, original.replace("Hello from hello-node", text));
      for (;;) {
        const body = await (await fetch(url)).text().catch(() => "");
        if (body.startsWith(text)) break;
        if (performance.now() - saved > 60_000)
          throw new Error(`edit ${String(i)} not served:\n${dev.output()}`);
        await sleep(5);
      }
      samples.push(performance.now() - saved);
      await dev.wait(/Iteration \d+: synced/, mark);
      await sleep(300);
    }
    const s = stats(samples);
    const via = /via (\w+)/.exec(dev.output())?.[1] ?? "?";
    console.log(
      `${label}: save → served over ${String(edits)} edits (sync via ${via}): median ${s.median.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, min ${s.min.toFixed(0)} ms, max ${s.max.toFixed(0)} ms`,
    );
    if (bulk) {
      await sleep(5_000);
      const before = cpuSeconds(dev.proc.pid);
      const idleStart = performance.now();
      await sleep(30_000);
      const used = cpuSeconds(dev.proc.pid) - before;
      const seconds = (performance.now() - idleStart) / 1000;
      console.log(
        `${label}: idle trestle dev used ${(used * 1000).toFixed(0)} ms of CPU in ${seconds.toFixed(0)} s (${((used / seconds) * 100).toFixed(2)} % of a core)`,
      );
    }
  } finally {
    forward?.proc.kill("SIGTERM");
    dev.proc.kill("SIGINT");
    await new Promise((r) => (dev.proc.exitCode !== null ? r() : dev.proc.once("exit", r)));
    kubectl(["delete", "namespace", ns, "--wait=false"]);
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`machine: ${machine()}`);
await measure("small example (examples/hello-node)", false);
await measure("250,000-file workspace (hello-node + node_modules/, ignored)", true);
