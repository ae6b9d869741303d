// Buildpacks builds with Trestle's test builder: a cold build (new image repository, so empty cache volumes)
// then rebuilds of the same sources, for the creator (trusted) and the five separate phases (untrusted).
// Usage: node --import tsx bench/buildpacks-rebuild.ts [example] [rebuilds]
//   example: examples/<name> (default hello-go, whose Go build cache lives in a cache layer); rebuilds: 2.
// Needs scripts/env up (the engine, localhost:5000 and the test builders).
import { randomBytes } from "node:crypto";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BuildpacksBuilder } from "../src/build/buildpacks/index.js";
import { cacheVolumeNames } from "../src/build/buildpacks/builder.js";
import { createDockerDaemon } from "../src/docker/index.js";
import { processExec } from "../src/proc/exec.js";

const example = process.argv[2] ?? "hello-go";
const rebuilds = Number(process.argv[3] ?? 2);
const workspace = join(fileURLToPath(new URL("..", import.meta.url)), "examples", example);
const daemon = createDockerDaemon({ exec: processExec, env: process.env });
const builder = new BuildpacksBuilder({ daemon, insecureRegistries: [] });

async function series(flavour: string, trusted: boolean): Promise<void> {
  const repo = `localhost:5000/trestle-bench/bp-${example}-${randomBytes(3).toString("hex")}`;
  const times: string[] = [];
  let reused = 0;
  let detail: string[] = [];
  let fresh: string[] = [];
  for (let i = 0; i <= rebuilds; i++) {
    const tag = `${repo}:b${i}`;
    const lines: string[] = [];
    const t0 = process.hrtime.bigint();
    await builder.build({
      artifact: {
        image: repo,
        buildpacks: { builder: `localhost:5000/trestle/cnb-builder:${flavour}`, trustBuilder: trusted },
      },
      workspace,
      tag,
      platforms: [],
      push: false,
      mode: "build",
      dependencies: new Map(),
      env: process.env,
      output: (line) => lines.push(line),
      signal: AbortSignal.timeout(900_000),
    });
    times.push(`${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`);
    if (i > 0) {
      const hits = lines.filter((l) =>
        /Reusing (cache )?layer|Restoring data|Reused \d+\/\d+ app layer/.test(l),
      );
      reused = hits.length;
      detail = hits.map((l) => l.replace(/^\[\w+\] /, "").trim());
      const added = lines.filter((l) => /Adding layer|Adding \d+\/\d+ app layer/.test(l));
      fresh = added.map((l) => l.replace(/^\[\w+\] /, "").trim());
    }
    await daemon.images.remove(tag, { force: true });
  }
  await daemon.images.remove(`${repo}:latest`, { force: true }).catch(() => undefined);
  const caches = cacheVolumeNames(repo);
  for (const v of [caches.build, caches.launch]) await daemon.volumes.remove(v, { force: true });
  console.log(
    `${trusted ? "creator       " : "five phases   "} cold ${times[0] ?? "?"}, rebuilds ${times.slice(1).join(", ")} (${reused} layers restored or reused in the last)`,
  );
  for (const line of detail) console.log(`    reused: ${line}`);
  for (const line of fresh) console.log(`    added:  ${line}`);
}

const machine = `${cpus()[0]?.model ?? "?"} × ${String(cpus().length)}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
console.log(`examples/${example} with localhost:5000/trestle/cnb-builder:google — ${machine}`);
await series("google", true);
await series("google", false);
console.log(
  `load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(" ")}`,
);
