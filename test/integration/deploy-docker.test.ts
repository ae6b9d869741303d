// The Docker deployer (deploy.docker): `trestle run` builds an example and runs it as a container on the
// local engine, on its own network, with the run's labels and the portForward binding; `trestle delete`
// removes every container and network it made.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { docker, ensureEnv, httpGet200, repoRoot, run, uniqueRef } from "../support/index.js";
import { scratchCopy } from "../cli/run-trestle.js";

const env = ensureEnv({ cluster: false });
const bin = join(repoRoot, "bin", "trestle.js");

function trestle(args: readonly string[], cwd: string) {
  return run(process.execPath, [bin, ...args], {
    cwd,
    env: { ...process.env, DOCKER_HOST: env.docker.host, NO_COLOR: "1" },
    timeoutMs: 600_000,
  });
}

void test(
  "deploy.docker: trestle run serves HTTP from a labelled container; trestle delete leaves nothing",
  { timeout: 900_000 },
  async () => {
    const dir = scratchCopy(join(repoRoot, "examples", "hello-go"));
    const image = uniqueRef(env, "hello-go-docker").split(":").slice(0, -1).join(":");
    const name = image.split("/").pop() ?? "";
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    writeFileSync(
      join(dir, "skaffold.yaml"),
      [
        "apiVersion: skaffold/v4beta14",
        "kind: Config",
        "build:",
        "  artifacts:",
        `    - image: ${image}`,
        "  local:",
        "    push: false",
        "deploy:",
        "  docker:",
        `    images: [${image}]`,
        "portForward:",
        "  - resourceType: container",
        `    resourceName: ${name}`,
        "    port: 8080",
        `    localPort: ${String(port)}`,
        "",
      ].join("\n"),
    );
    try {
      const result = await trestle(["run", "--label", "suite=deploy-docker"], dir);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      const started = /Container (\S+) started from \S+ \(ports 8080\/tcp -> 127\.0\.0\.1:(\d+)\)/.exec(
        result.stdout,
      );
      assert.ok(started, result.stdout);
      assert.equal(started[1], name);
      assert.match(
        await httpGet200(`http://127.0.0.1:${started[2] ?? ""}/`, 60_000),
        /^Hello from hello-go\n$/,
      );

      const listed = await docker(env, [
        "ps",
        "--filter",
        "label=suite=deploy-docker",
        "--format",
        '{{.Names}} {{.Label "app.kubernetes.io/managed-by"}} {{.Label "skaffold.dev/run-id"}} {{.Networks}}',
      ]);
      const [cname, managedBy, runId, network] = listed.trim().split(" ");
      assert.equal(cname, name);
      assert.equal(managedBy, "skaffold");
      assert.match(runId ?? "", /^[0-9a-f-]{36}$/);
      assert.equal(network, `skaffold-network-${runId ?? ""}`);

      // A second run replaces the container rather than failing on its name.
      const again = await trestle(["run", "--label", "suite=deploy-docker"], dir);
      assert.equal(again.code, 0, again.stdout + again.stderr);
      assert.equal(
        (await docker(env, ["ps", "-a", "--filter", "label=suite=deploy-docker", "-q"])).trim().split("\n")
          .length,
        1,
      );

      const deleted = await trestle(["delete"], dir);
      assert.equal(deleted.code, 0, deleted.stdout + deleted.stderr);
      assert.match(deleted.stdout, new RegExp(`Removing container ${name}`));
      assert.equal(
        (await docker(env, ["ps", "-a", "--filter", "label=suite=deploy-docker", "-q"])).trim(),
        "",
      );
      assert.equal(
        (
          await docker(env, ["network", "ls", "--filter", `name=skaffold-network-${runId ?? ""}`, "-q"])
        ).trim(),
        "",
      );
    } finally {
      await docker(env, ["rm", "-f", name]).catch(() => "");
      await docker(env, ["rmi", "-f", `${image}:latest`]).catch(() => "");
    }
  },
);
