// Cold and warm cache checks (the file-digest part of an artifact cache key) over a 100,000-file workspace.
// Usage: node --import tsx bench/cache-check.ts [directory] [runs]
//   directory: where to generate the workspace (default: the OS temp dir); runs: warm repetitions (default 5).
// "cold" = no file-hash store yet, so every file is read and hashed (what Skaffold does on every check);
// "warm" = a new process would load the store from disk and re-read nothing. The files were just written, so
// the OS page cache is warm in both cases; their mtimes are set an hour back, as in a real checkout.
// Wall times include waiting for a CPU on a busy machine; "cpu" is the process's own CPU time, and the load
// average is printed so the figures can be read in context.
import { cpus, loadavg, platform, release, tmpdir, totalmem } from "node:os";
import { lstatSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileSetDigest } from "../src/build/cache/file-set-digest.js";
import { FileHashStore } from "../src/build/cache/file-hashes.js";
import { generateWorkspace } from "../src/build/cache/testing.js";

const DIRS = 1000;
const FILES_PER_DIR = 100;
const base = process.argv[2] ?? tmpdir();
const runs = Number(process.argv[3] ?? 5);

const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (n: number): string => `${n.toFixed(0).padStart(6)} ms`;
const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** The dependency lister of a plain `paths: ["."]` artifact: every file under the workspace. */
function listFiles(root: string): string[] {
  return readdirSync(join(root, "src"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function check(
  root: string,
  storeFile: string,
): Promise<{
  load: number;
  list: number;
  digest: number;
  cpu: number;
  save: number;
  read: number;
  key: string;
}> {
  let t = process.hrtime.bigint();
  const store = await FileHashStore.open(storeFile, root);
  const load = ms(t);
  t = process.hrtime.bigint();
  const files = listFiles(root);
  const list = ms(t);
  t = process.hrtime.bigint();
  const usage = process.cpuUsage();
  const key = await fileSetDigest(root, files, store);
  const digest = ms(t);
  const { user, system } = process.cpuUsage(usage);
  t = process.hrtime.bigint();
  await store.save();
  return { load, list, digest, cpu: (user + system) / 1000, save: ms(t), read: store.hashed, key };
}

const cpu = cpus();
console.log(
  `machine: ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, node ${process.version}`,
);
console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
const root = mkdtempSync(join(base, "trestle-cache-bench-"));
try {
  const t = process.hrtime.bigint();
  generateWorkspace(root, DIRS, FILES_PER_DIR);
  console.log(`workspace: ${DIRS * FILES_PER_DIR} files in ${root} (generated in ${ms(t).toFixed(0)} ms)`);
  const storeFile = join(root, "file-hashes.json");

  const cold = await check(root, storeFile);
  const size = statSync(storeFile).size;
  console.log(
    `cold: digest ${fmt(cold.digest)} (cpu ${cold.cpu.toFixed(0)} ms)  (files read: ${cold.read}; listing ${cold.list.toFixed(0)} ms, store save ${cold.save.toFixed(0)} ms, ${(size / 2 ** 20).toFixed(1)} MiB)`,
  );

  const warm: { load: number; digest: number; cpu: number; read: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await check(root, storeFile);
    if (run.key !== cold.key) throw new Error("warm digest differs from cold digest");
    warm.push(run);
  }
  const load = median(warm.map((w) => w.load));
  const digest = median(warm.map((w) => w.digest));
  const cpuTime = median(warm.map((w) => w.cpu));
  console.log(
    `warm: digest ${fmt(digest)} (cpu ${cpuTime.toFixed(0)} ms)  + store load ${load.toFixed(0)} ms = ${(digest + load).toFixed(0)} ms  (median of ${runs}; files read: ${Math.max(...warm.map((w) => w.read))})`,
  );

  const floor: number[] = [];
  for (let i = 0; i < runs; i++) {
    const files = listFiles(root);
    const start = process.hrtime.bigint();
    for (const file of files) lstatSync(file);
    floor.push(ms(start));
  }
  console.log(`floor: one bare lstatSync per file ${fmt(median(floor))}  (median of ${runs})`);

  const edited = listFiles(root).slice(0, 10);
  for (const file of edited) writeFileSync(file, "export const edited = true;\n");
  const after = await check(root, storeFile);
  console.log(
    `after editing 10 files: digest ${fmt(after.digest)} (cpu ${after.cpu.toFixed(0)} ms)  (files read: ${after.read})`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
