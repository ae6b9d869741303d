// Helpers of the deploy cluster tests: the built CLI against the test environment, and label queries.
import { join } from "node:path";
import { repoRoot, run, toolEnv, type RunResult, type TestNamespace } from "../support/index.js";

const bin = join(repoRoot, "bin", "trestle.js");

/** Runs the built CLI against the test environment. */
export function trestleIn(ns: TestNamespace, dir: string, args: readonly string[]): Promise<RunResult> {
  return run(process.execPath, [bin, ...args], {
    cwd: dir,
    env: toolEnv(ns.env, { NO_COLOR: "1" }),
    timeoutMs: 900_000,
  });
}

/** Every object (of the common kinds) in the namespace carrying the run id. */
export async function labelled(ns: TestNamespace, runId: string): Promise<string> {
  return (
    await ns.kubectl([
      "get",
      "deployments,replicasets,pods,services,configmaps,secrets,statefulsets,daemonsets,jobs",
      "-l",
      `skaffold.dev/run-id=${runId}`,
      "-o",
      "name",
    ])
  ).trim();
}

/** The run id on a deployed object. */
export async function runIdOf(ns: TestNamespace, resource: string): Promise<string> {
  return (
    await ns.kubectl(["get", resource, "-o", "jsonpath={.metadata.labels.skaffold\\.dev/run-id}"])
  ).trim();
}
