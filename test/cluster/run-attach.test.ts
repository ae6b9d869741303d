// `trestle run --port-forward --tail` through the CLI: Trestle's own forward (its local port read from the
// forward table it prints) answers HTTP 200 and the request shows up in the tailed logs; after the pod is
// replaced (`kubectl rollout restart`) the same local port serves the new pod; Ctrl+C then cleans up and
// leaves nothing labelled with the run id.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { background, clusterTest, httpGet200, repoRoot, toolEnv } from "../support/index.js";
import { scratchCopy } from "../cli/run-trestle.js";
import { labelled } from "./deploy-support.js";

const bin = join(repoRoot, "bin", "trestle.js");

// Bare --port-forward forwards the `portForward` entry (service/hello-go); --port-forward=pods forwards the pod's
// container port as its Deployment, so that a replacement pod is followed too.
const cases = [
  { flag: "--port-forward", resource: "service/hello-go" },
  { flag: "--port-forward=pods", resource: "deployment/hello-go" },
];

for (const { flag, resource } of cases)
  clusterTest(
    `trestle run ${flag} --tail: HTTP 200 through its own forward of ${resource}, same port after a pod replacement, Ctrl+C cleans up`,
    async (ns) => {
      const dir = scratchCopy(join(repoRoot, "examples", "hello-go"));
      // Pod names in the log prefix, to tell which pod served a request (the default prefix is the container).
      const config = join(dir, "skaffold.yaml");
      writeFileSync(
        config,
        readFileSync(config, "utf8").replace(
          "deploy:\n  kubectl: {}",
          "deploy:\n  logs: {prefix: podAndContainer}\n  kubectl: {}",
        ),
      );
      const trestle = background(process.execPath, [bin, "run", "-n", ns.name, flag, "--tail"], {
        cwd: dir,
        env: toolEnv(ns.env, { NO_COLOR: "1" }),
      });
      try {
        const row = await trestle.waitForOutput(
          new RegExp(`${resource}\\s+\\S+\\s+8080\\s+http://127\\.0\\.0\\.1:(\\d+)`),
          600_000,
        );
        const port = Number(row[1]);
        assert.ok(port > 0, trestle.output());
        await trestle.waitForOutput(/Press Ctrl\+C to stop\./, 60_000);
        const runId = (
          await ns.kubectl([
            "get",
            "deployment/hello-go",
            "-o",
            "jsonpath={.metadata.labels.skaffold\\.dev/run-id}",
          ])
        ).trim();
        assert.match(runId, /^[0-9a-f-]{36}$/);

        assert.equal(await httpGet200(`http://127.0.0.1:${String(port)}/`), "Hello from hello-go\n");
        // The request is logged by the app and tailed with the pod and container as prefix.
        const first = await trestle.waitForOutput(/\[(hello-go-[a-z0-9-]+) hello-go\] .*GET \//, 60_000);
        const firstPod = first[1] ?? "";

        // Replace the pod; the forward keeps its local port and follows the new pod.
        await ns.kubectl(["rollout", "restart", "deployment/hello-go"]);
        await ns.rolloutStatus("hello-go", 120);
        const secondPod = async (): Promise<string | undefined> => {
          await httpGet200(`http://127.0.0.1:${String(port)}/`);
          const pods = [...trestle.output().matchAll(/\[(hello-go-[a-z0-9-]+) hello-go\] .*GET \//g)].map(
            (m) => m[1],
          );
          return pods.find((p) => p !== firstPod);
        };
        let served: string | undefined;
        for (let i = 0; i < 60 && served === undefined; i++) {
          served = await secondPod();
          if (served === undefined) await new Promise((r) => setTimeout(r, 1000));
        }
        assert.ok(
          served !== undefined,
          `a request on port ${String(port)} reached the new pod:\n${trestle.output()}`,
        );
        assert.doesNotMatch(trestle.output(), /is taken; forwarding/);

        // Ctrl+C: detach, clean up, nothing left with the run id.
        trestle.child.kill("SIGINT");
        await trestle.waitForOutput(/Cleanup complete\./, 120_000);
        await new Promise<void>((resolve) => {
          if (trestle.child.exitCode !== null) resolve();
          else
            trestle.child.once("close", () => {
              resolve();
            });
        });
        assert.equal(await labelled(ns, runId), "", trestle.output());
      } finally {
        await trestle.stop();
      }
    },
    { timeout: 900_000 },
  );
