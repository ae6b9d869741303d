// `trestle dev` with a buildpacks artifact (examples/hello-node, profile `buildpacks`), once with Trestle's
// Google-style test builder and once with the Paketo-style one: a Node.js source change is synced into the
// running container and served by the restarted process — no rebuild, no new pod, no container restart.
// Ctrl+C then removes what dev deployed.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { scratchCopy } from "../cli/run-trestle.js";
import {
  background,
  clusterTest,
  httpGet200,
  repoRoot,
  toolEnv,
  waitFor,
  type TestNamespace,
} from "../support/index.js";

const bin = join(repoRoot, "bin", "trestle.js");

/** A server.js that answers `body` on every path (and /healthz for the readiness probe). */
function serverJs(body: string): string {
  return `import http from "node:http";
const port = Number(process.env.PORT ?? 8080);
http
  .createServer((req, res) => {
    res.setHeader("content-type", "text/plain");
    res.end(req.url === "/healthz" ? "ok\\n" : ${JSON.stringify(body)});
  })
  .listen(port);
`;
}

interface PodState {
  readonly name: string;
  readonly restarts: number;
}

/** The one running pod of the app (fails while there are several, e.g. during a rollout). */
async function appPod(ns: TestNamespace): Promise<PodState | undefined> {
  const out = await ns.kubectl([
    "get",
    "pods",
    "-l",
    "app=hello-node",
    "--field-selector=status.phase=Running",
    "-o",
    'jsonpath={range .items[*]}{.metadata.name} {.status.containerStatuses[0].restartCount}{"\\n"}{end}',
  ]);
  const lines = out.trim().split("\n").filter(Boolean);
  if (lines.length !== 1) return undefined;
  const [name = "", restarts = ""] = (lines[0] ?? "").split(" ");
  return { name, restarts: Number(restarts) };
}

for (const [flavour, buildpack] of [
  ["google", "google.nodejs.npm"],
  ["paketo", "paketo-buildpacks/node-start"],
] as const) {
  clusterTest(
    `trestle dev -p buildpacks (${flavour}-style builder): a server.js change is synced and served without a rebuild or a pod restart`,
    async (ns) => {
      const dir = scratchCopy(join(repoRoot, "examples", "hello-node"));
      // Own image repository per flavour (caches and tags of parallel runs stay apart), the chosen builder.
      const image = `localhost:5000/trestle-test/bp-dev-${flavour}`;
      for (const file of ["skaffold.yaml", "k8s/deployment.yaml"]) {
        const path = join(dir, file);
        writeFileSync(
          path,
          readFileSync(path, "utf8")
            .replaceAll("localhost:5000/hello-node", image)
            .replaceAll("cnb-builder:google", `cnb-builder:${flavour}`),
        );
      }
      writeFileSync(join(dir, "server.js"), serverJs(`Hello from ${flavour} buildpacks\n`));
      const dev = background(
        process.execPath,
        [bin, "dev", "-p", "buildpacks", "--cache-artifacts=false", "-n", ns.name],
        {
          cwd: dir,
          env: toolEnv(ns.env, { NO_COLOR: "1" }),
        },
      );
      try {
        await dev.waitForOutput(/Watching for changes/, 600_000);
        const out = (): string => dev.output();
        // Built by the test builder in dev mode, with the buildpack that restarts the app on changes.
        assert.match(out(), new RegExp(`\\[detector\\] ${buildpack.replace("/", "\\/")}`));
        assert.doesNotMatch(out(), /sync\.auto found no sync rules/);

        const before = await waitFor("one running hello-node pod", () => appPod(ns), 120_000);
        const pf = await ns.portForward("service/hello-node", 8080);
        try {
          assert.equal(await httpGet200(`${pf.url}/`, 60_000), `Hello from ${flavour} buildpacks\n`);
          const mark = out().length;

          writeFileSync(join(dir, "server.js"), serverJs(`Hello again from ${flavour} buildpacks\n`));
          await dev.waitForOutput(/Synced 1 file/, 120_000);
          const served = await waitFor(
            "the changed greeting",
            async () => {
              const body = await httpGet200(`${pf.url}/`, 10_000);
              return body.includes("again") ? body : undefined;
            },
            120_000,
          );
          assert.equal(served, `Hello again from ${flavour} buildpacks\n`);

          const sinceEdit = out().slice(mark);
          assert.match(sinceEdit, /Synced 1 file/);
          assert.doesNotMatch(sinceEdit, /Rebuilding|Rebuilt|\[builder\]|\[exporter\]/);
          const after = await appPod(ns);
          assert.deepEqual(after, before, "same pod, same restart count: the process restarted in place");
        } finally {
          await pf.close();
        }

        // Ctrl+C: dev cleans up what it deployed.
        dev.child.kill("SIGINT");
        await dev.waitForOutput(/Cleanup complete/, 120_000);
        await waitFor(
          "dev to exit",
          () => Promise.resolve(dev.child.exitCode === null ? undefined : dev.child.exitCode),
          60_000,
        );
        assert.equal(dev.child.exitCode, 0, dev.output());
        const left = await ns.kubectl(["get", "deployments,services", "-o", "name"]);
        assert.equal(left.trim(), "", "nothing deployed is left");
      } finally {
        await dev.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { timeout: 900_000 },
  );
}
