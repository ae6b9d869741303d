// The dev loop's own share of file-save-to-served latency, and its idle cost, on a small example and on a
// generated 250,000-file workspace whose bulk (node_modules/) is ignored.
// Usage: node --import tsx bench/dev-sync.ts [edits]   (default 20 edits per workspace)
// Measures, in one process, what `trestle dev` runs between a save and the exec into the container: native
// event → ignore rules → debounce (50 ms, the default) → ChangeSet → decide() with the artifact's Dockerfile-
// derived inputs and manual sync rules → a sync plan. The exec into the pod and the app are not included:
// bench/dev-served.mjs measures save → served end to end with the real `trestle dev` and cluster. Also: time to
// place the watches, and the CPU the idle watcher uses over 30 s.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, platform, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { ChangeSet, decide } from "../src/runner/change-set.js";
import { DevModel } from "../src/runner/dev-model.js";
import { createFileMonitor } from "../src/watch/create.js";
import { projectIgnoreRules } from "../src/runner/dev-ignore.js";
import type { ResolvedConfig } from "../src/config/resolved.js";
import type { SkaffoldConfig } from "../src/config/schema/index.js";

// Same as bench/machine.mjs (kept here so this file type-checks).
function machine(): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  return `${cpu} × ${String(cpus().length)} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, node ${process.version}`;
}

function stats(samples: readonly number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

const edits = Number(process.argv[2] ?? 20);
const BULK_DIRS = 2500;
const FILES_PER_DIR = 100;

function workspace(bulk: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), "trestle-bench-dev-"));
  writeFileSync(join(dir, "Dockerfile"), "FROM scratch\nWORKDIR /app\nCOPY . .\n");
  writeFileSync(join(dir, ".dockerignore"), "node_modules\n");
  writeFileSync(join(dir, ".gitignore"), "node_modules/\n");
  writeFileSync(join(dir, "server.js"), "// 0\n");
  mkdirSync(join(dir, "k8s"));
  writeFileSync(join(dir, "k8s", "app.yaml"), "kind: Pod\n");
  if (bulk) {
    for (let d = 0; d < BULK_DIRS; d++) {
      const sub = join(dir, "node_modules", `pkg${String(d)}`);
      mkdirSync(sub, { recursive: true });
      for (let f = 0; f < FILES_PER_DIR; f++) writeFileSync(join(sub, `f${String(f)}.js`), "x");
    }
  }
  return dir;
}

async function measure(label: string, dir: string): Promise<void> {
  const config = {
    apiVersion: "skaffold/v4beta14",
    kind: "Config",
    build: { artifacts: [{ image: "web", sync: { manual: [{ src: "*.js", dest: "." }] } }] },
  } as unknown as SkaffoldConfig;
  const project = {
    rootFile: join(dir, "skaffold.yaml"),
    modules: [{ name: undefined, file: join(dir, "skaffold.yaml"), dir, index: 0, isRoot: true, config }],
  } as unknown as ResolvedConfig;
  const model = await DevModel.create({
    project,
    env: {},
    cwd: dir,
    watchImages: [],
    imageFacts: () => Promise.resolve({ workingDir: "/app", labels: {} }),
    deployInputs: [join(dir, "k8s", "app.yaml")],
    warn: () => undefined,
  });
  await model.updatePlanners(new Map([["web", { reference: "web:1" }]]));
  const ignore = projectIgnoreRules({
    dirs: model.roots(),
    mayContainInputs: (d) => model.mayContainInputs(d),
    keep: [join(dir, "k8s", "app.yaml")],
  });
  const monitor = createFileMonitor({
    trigger: "notify",
    roots: model.roots(),
    ignore,
    debounceMs: 50,
    pollIntervalMs: 1000,
    input: process.stdin,
    warn: (m) => {
      console.error(m);
    },
  });
  const pending = new ChangeSet();
  let waiter: ((t: number) => void) | undefined;
  const t0 = performance.now();
  await monitor.start((changes) => {
    pending.record(changes, model);
    const plan = decide(pending.drain(), model);
    if (plan.syncs.length > 0) waiter?.(performance.now());
  });
  const setup = performance.now() - t0;
  const samples: number[] = [];
  for (let i = 1; i <= edits; i++) {
    const planned = new Promise<number>((resolve) => (waiter = resolve));
    const saved = performance.now();
    writeFileSync(join(dir, "server.js"), `// ${String(i)}\n`);
    samples.push((await planned) - saved);
    await new Promise((r) => setTimeout(r, 100));
  }
  const s = stats(samples);
  const cpu0 = process.cpuUsage();
  const idleStart = performance.now();
  await new Promise((r) => setTimeout(r, 30_000));
  const cpu = process.cpuUsage(cpu0);
  const idleMs = performance.now() - idleStart;
  await monitor.stop();
  console.log(
    `${label}: watches placed in ${setup.toFixed(0)} ms; save → sync planned over ${String(edits)} edits: median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms (50 ms of it is the debounce); idle CPU over ${(idleMs / 1000).toFixed(0)} s: ${(((cpu.user + cpu.system) / 1000 / idleMs) * 100).toFixed(2)} %`,
  );
}

console.log(`machine: ${machine()}`);
for (const [label, bulk] of [
  ["small workspace (5 files)", false],
  [`large workspace (${String(BULK_DIRS * FILES_PER_DIR)} files in node_modules/, ignored)`, true],
] as const) {
  const t = performance.now();
  const dir = workspace(bulk);
  if (bulk) console.log(`generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  try {
    await measure(label, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
