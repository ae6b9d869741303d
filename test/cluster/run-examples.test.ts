// `trestle run` on each example: built, rendered with the run's labels, applied, status-checked; the app
// answers HTTP 200 through a port-forward; `trestle delete` then leaves nothing carrying the run's labels.
import assert from "node:assert/strict";
import { join } from "node:path";
import { clusterTest, httpGet200, repoRoot } from "../support/index.js";
import { labelled, runIdOf, trestleIn } from "./deploy-support.js";
import { scratchCopy } from "../cli/run-trestle.js";

const KUBECTL_DELETED = /kubectl: deleted \d+ object\(s\)\./;

/** [example, deployment and service name, greeting ("" = any body), what `trestle delete` prints]. */
const examples: [string, string, string, RegExp][] = [
  ["hello-go", "hello-go", "Hello from hello-go\n", KUBECTL_DELETED],
  ["hello-node", "hello-node", "Hello from hello-node\n", KUBECTL_DELETED],
  ["hello-python", "hello-python", "Hello from hello-python\n", KUBECTL_DELETED],
  ["hello-java", "hello-java", "Hello from hello-java\n", KUBECTL_DELETED],
  ["multi-service", "frontend", "", KUBECTL_DELETED],
  // deploy.helm with the image wired through setValueTemplates; delete uninstalls the release.
  ["helm-chart", "helm-app", "Hello from the helm chart\n", /Uninstalling release helm-app/],
  // manifests.kustomize: the dev overlay's namePrefix and GREETING patch.
  ["kustomize-overlay", "dev-kustomize-app", "Hello from the dev overlay\n", KUBECTL_DELETED],
];

for (const [example, service, greeting, deletedMessage] of examples) {
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
      assert.match(deleted.stdout, deletedMessage);
      assert.equal(await labelled(ns, runId), "");
      // No Helm release is left either (Helm keeps a release's revisions in secrets labelled owner=helm).
      assert.equal((await ns.kubectl(["get", "secrets", "-l", "owner=helm", "-o", "name"])).trim(), "");
    },
    { timeout: 900_000 },
  );
}
