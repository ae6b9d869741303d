// Cold start of `trestle version` against a bare `node -e 0` (the floor), median of N runs each.
// Usage: node bench/cold-start.mjs [runs]   (run `npm run build` first)
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { machine, stats } from "./machine.mjs";

const runs = Number(process.argv[2] ?? 30);
const bin = fileURLToPath(new URL("../bin/trestle.js", import.meta.url));

function time(args) {
  const samples = [];
  for (let i = 0; i < runs + 3; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { stdio: "ignore" });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${args.join(" ")} exited with ${result.status}`);
    if (i >= 3) samples.push(ms); // the first runs warm the file cache
  }
  return stats(samples);
}

const floor = time(["-e", "0"]);
const trestle = time([bin, "version"]);
const fmt = (s) => `median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`;
console.log(`machine: ${machine()}`);
console.log(`runs: ${runs} each`);
console.log(`node -e 0:        ${fmt(floor)}`);
console.log(`trestle version:  ${fmt(trestle)}`);
console.log(`overhead over bare node: ${(trestle.median - floor.median).toFixed(1)} ms (median)`);
