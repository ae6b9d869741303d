// Runs one tier of the test suite with Node's built-in test runner (TypeScript through tsx).
// Tiers: unit (src/**/*.test.ts), cli (test/cli), integration (test/integration), cluster (test/cluster).
import { spawnSync } from "node:child_process";
import { readdirSync, statSync, existsSync } from "node:fs";
import { join, relative } from "node:path";

const roots = {
  unit: ["src"],
  cli: ["test/cli"],
  integration: ["test/integration"],
  cluster: ["test/cluster"],
};

function findTests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

const tiers = process.argv.slice(2);
const filter = process.env.TRESTLE_TEST_FILTER;
if (tiers.length === 0 || tiers.some((t) => !(t in roots))) {
  console.error(`usage: run-tests.mjs <${Object.keys(roots).join("|")}>...`);
  process.exit(2);
}
const files = tiers
  .flatMap((t) => roots[t].flatMap(findTests))
  .filter((f) => !filter || f.includes(filter))
  .sort()
  .map((f) => relative(process.cwd(), f));
if (files.length === 0) {
  console.error(`no test files found for tier(s) ${tiers.join(", ")}`);
  process.exit(1);
}
const concurrency = process.env.TRESTLE_TEST_CONCURRENCY ?? (tiers.includes("unit") ? "2" : "1");
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...files],
  { stdio: "inherit", env: { ...process.env, NODE_NO_WARNINGS: "1" } },
);
process.exit(result.status ?? 1);
