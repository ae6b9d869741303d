// `trestle run` on each example: built, rendered with the run's labels, applied, status-checked; the app
// answers HTTP 200 through a port-forward; `trestle delete` then leaves nothing carrying the run's labels.
import assert from "node:assert/strict";
import { join } from "node:path";
import { clusterTest, httpGet200, repoRoot } from "../support/index.js";
import { labelled, runIdOf, trestleIn } from "./deploy-support.js";
import { scratchCopy } from "../cli/run-trestle.js";

const examples: [string, string, string][] = [
  ["hello-go", "hello-go", "Hello from hello-go\n"],
  ["hello-node", "hello-node", "Hello from hello-node\n"],
  ["hello-python", "hello-python", "Hello from hello-python\n"],
  ["hello-java", "hello-java", "Hello from hello-java\n"],
  ["multi-service", "frontend", ""],
];

for (const [example, service, greeting] of examples) {
  clusterTest(
    `trestle run examples/${example}: status OK, HTTP 200, then trestle delete leaves nothing labelled`,
    async (ns) => {
      const dir = scratchCopy(join(repoRoot, "examples", example));
      const result = await trestleIn(ns, dir, ["run", "-n", ns.name, "--label", "suite=run-examples"]);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /Deployments stabilized in/);
      assert.match(result.stdout, new RegExp(`${ns.name}:deployment/${service} is ready`));

      const runId = await runIdOf(ns, `deployment/${service}`);
      assert.match(runId, /^[0-9a-f-]{36}$/);
      assert.equal(
        (
          await ns.kubectl(["get", `deployment/${service}`, "-o", "jsonpath={.metadata.labels.suite}"])
        ).trim(),
        "run-examples",
      );
      assert.notEqual(await labelled(ns, runId), "");

      const pf = await ns.portForward(`service/${service}`, 8080);
      try {
        const body = await httpGet200(`${pf.url}/`, 60_000);
        if (greeting !== "") assert.equal(body, greeting);
        else assert.ok(body.length > 0);
      } finally {
        await pf.close();
      }

      const deleted = await trestleIn(ns, dir, ["delete", "-n", ns.name]);
      assert.equal(deleted.code, 0, deleted.stdout + deleted.stderr);
      assert.match(deleted.stdout, /kubectl: deleted \d+ object\(s\)\./);
      assert.equal(await labelled(ns, runId), "");
    },
    { timeout: 900_000 },
  );
}
