// Side by side, on examples/hello-go (a temporary copy): plain `go build` (the floor), Trestle's ko builder
// (a fresh node process per build, as a CLI run; and rebuilds inside one process, as the dev loop does), and
// `ko build` itself — all building linux/amd64, and the two image builders pushing to the local registry on
// the same static base.
//   cold: empty GOCACHE, new repository (every layer of ours uploaded)
//   warm: same inputs again (median of N)
//   edit: one Go file changed before each build (median of N)
// Each tool has its own GOCACHE and the runs are interleaved, so load on a shared machine hits all alike and
// no tool compiles an edit for another.
// Usage: node bench/ko-build.mjs [runs]   (needs `scripts/env up`; KO_BIN=/path/to/ko skips installing ko)
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { machine, stats } from "./machine.mjs";

const runs = Number(process.argv[2] ?? 5);
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const envFile =
  process.env.TRESTLE_ENV_FILE ?? join(process.env.HOME ?? "/root", ".cache", "trestle-env", "env.json");
const state = JSON.parse(readFileSync(envFile, "utf8"));
const registry = state.registry.address;
const base = state.images.static;
const scratch = mkdtempSync(join(tmpdir(), "trestle-bench-ko-"));
const workspace = join(scratch, "hello-go");
cpSync(join(repoRoot, "examples", "hello-go"), workspace, { recursive: true });

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout.trim();
}

function timed(command, args, options) {
  const start = process.hrtime.bigint();
  const out = sh(command, args, options);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, out };
}

function koBinary() {
  if (process.env.KO_BIN) return process.env.KO_BIN;
  const gobin = join(scratch, "gobin");
  console.error("installing ko: GOFLAGS=-mod=mod go install github.com/google/ko@latest (Go module proxy)…");
  sh("go", ["install", "github.com/google/ko@latest"], {
    env: { ...process.env, GOBIN: gobin, GOFLAGS: "-mod=mod" },
  });
  return join(gobin, "ko");
}

const editFile = join(workspace, "bench_edit.go");
const editSource = () =>
  writeFileSync(editFile, `package main\n\nvar benchEdit = "${randomBytes(8).toString("hex")}"\n`);

/**
 * Bundles a runner around the ko builder, so each build is a plain `node` process like a CLI run. With
 * `repeat`, the same process then rebuilds unchanged, and again after an edit (the dev loop's case).
 */
async function trestleRunner() {
  const outfile = join(scratch, "trestle-ko.mjs");
  const contents = `
    import { writeFileSync } from "node:fs";
    import { KoBuilder } from "./src/build/ko/builder.ts";
    const [workspace, tag, fromImage, repeat, editFile] = process.argv.slice(2);
    const builder = new KoBuilder();
    const build = () => builder.build({ artifact: { image: "hello-go", ko: { fromImage } }, workspace, tag,
      platforms: [], push: true, mode: "build", dependencies: new Map(), env: process.env, output: () => {},
      signal: new AbortController().signal });
    const timedBuild = async () => { const start = performance.now(); await build(); return performance.now() - start; };
    const built = await build();
    let sameMs, editMs;
    if (repeat === "1") {
      sameMs = await timedBuild();
      writeFileSync(editFile, "package main\\n\\nvar benchEdit = \\"" + Math.random() + "\\"\\n");
      editMs = await timedBuild();
    }
    console.log(JSON.stringify({ digest: built.digest, sameMs, editMs }));`;
  await build({
    stdin: { contents, resolveDir: repoRoot, loader: "ts", sourcefile: "bench-ko-entry.ts" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile,
    logLevel: "warning",
    banner: {
      js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
    },
  });
  return outfile;
}

const ko = koBinary();
const runner = await trestleRunner();
const id = randomBytes(3).toString("hex");
const slug = (name) => name.replace(/\W+/g, "-");
const cacheOf = (name) => join(scratch, `gocache-${slug(name)}`);
const repoOf = (name) => `bench/${slug(name)}-${id}`;
const envFor = (name) => ({
  ...process.env,
  GOCACHE: cacheOf(name),
  GOFLAGS: "-buildvcs=false",
  XDG_CACHE_HOME: join(scratch, "xdg"),
});

const tools = {
  "go build": (env) =>
    timed("go", ["build", "-trimpath", "-o", join(scratch, "out", "hello-go"), "."], {
      cwd: workspace,
      env: { ...env, CGO_ENABLED: "0", GOOS: "linux", GOARCH: "amd64" },
    }),
  trestle: (env, repo, repeat = false) =>
    timed(
      process.execPath,
      [runner, workspace, `${registry}/${repo}:bench`, base, repeat ? "1" : "0", editFile],
      {
        cwd: workspace,
        env,
      },
    ),
  "ko build": (env, repo) =>
    timed(ko, ["build", "--bare", "--sbom=none", "--platform=linux/amd64", "--tags=bench", "."], {
      cwd: workspace,
      env: { ...env, KO_DOCKER_REPO: `${registry}/${repo}`, KO_DEFAULTBASEIMAGE: base },
    }),
};
const names = Object.keys(tools);
const runOne = (name) => tools[name](envFor(name), repoOf(name)).ms;

const samples = Object.fromEntries(names.map((name) => [name, { cold: [], warm: [], edit: [] }]));
for (const name of names) {
  rmSync(cacheOf(name), { recursive: true, force: true });
  samples[name].cold.push(runOne(name));
}
for (let i = 0; i < runs; i++) for (const name of names) samples[name].warm.push(runOne(name));
for (let i = 0; i < runs; i++) {
  editSource();
  for (const name of names) samples[name].edit.push(runOne(name));
}
const devLoop = { same: [], edit: [] };
for (let i = 0; i < runs; i++) {
  const { sameMs, editMs } = JSON.parse(tools.trestle(envFor("trestle"), repoOf("trestle"), true).out);
  devLoop.same.push(sameMs);
  devLoop.edit.push(editMs);
}

const median = (list) => (list.length === 0 ? undefined : stats(list).median);
const cell = (ms) => (ms === undefined ? "—" : `${(ms / 1000).toFixed(2)} s`).padStart(10);
const row = (label, values) => console.log(`${label.padEnd(38)}${values.map(cell).join("")}`);
console.log(`machine: ${machine()}`);
console.log(
  `go ${sh("go", ["env", "GOVERSION"])}, ko ${sh(ko, ["version"])}, registry ${registry}, base ${base}`,
);
console.log(`median of ${runs} runs (cold: one run)`);
row("", []);
console.log(`${"".padEnd(38)}${names.map((n) => n.padStart(10)).join("")}`);
row(
  "cold (empty GOCACHE, new repo)",
  names.map((n) => median(samples[n].cold)),
);
row(
  "warm, nothing changed",
  names.map((n) => median(samples[n].warm)),
);
row(
  "warm, one Go file changed",
  names.map((n) => median(samples[n].edit)),
);
row("dev loop (same process), no change", [undefined, median(devLoop.same), undefined]);
row("dev loop (same process), one edit", [undefined, median(devLoop.edit), undefined]);
console.log(
  "go build only compiles (no image, no push); trestle and ko build push. ko runs with its defaults",
);
console.log(
  "(no KOCACHE, so it relinks every time); trestle keeps its go build output and layers in its cache.",
);
rmSync(scratch, { recursive: true, force: true });
