/**
 * Dependencies of a custom artifact (Skaffold's `custom.GetDependencies`): from a Dockerfile (the same parser
 * as the docker builder), from a command that prints a JSON array of paths, or from `paths`/`ignore` globs
 * (default `paths: ["."]`). Paths come back absolute and sorted.
 */
import { resolve } from "node:path";
import type { Artifact } from "../../config/schema/index.js";
import { userError } from "../../errors/errors.js";
import type { Exec } from "../../proc/exec.js";
import { dockerfileDependencies } from "../dockerfile/index.js";
import { evaluateBuildArgs } from "../docker/build-args.js";
import { listPathDependencies } from "../path-dependencies.js";

async function fromCommand(
  command: string,
  workspace: string,
  env: Readonly<Record<string, string | undefined>>,
  exec: Exec,
): Promise<string[]> {
  // Skaffold splits the command on single spaces; no shell is involved.
  const [file = "", ...args] = command.split(" ");
  const result = await exec.run(file, args, { cwd: workspace, env });
  if (result.code !== 0) {
    throw userError(
      "CUSTOM_DEPENDENCIES_FAILED",
      `getting dependencies from command ${JSON.stringify(command)}: exited with ${result.code}: ${result.stderr.trim()}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(result.stdout);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((p): p is string => typeof p === "string")) {
    throw userError(
      "CUSTOM_DEPENDENCIES_FAILED",
      `the dependency command ${JSON.stringify(command)} must print a JSON array of paths, got: ${result.stdout.trim().slice(0, 200)}`,
    );
  }
  return [...new Set(parsed.map((p) => resolve(workspace, p)))].sort();
}

/** The absolute paths a custom artifact's build depends on. */
export async function customDependencies(
  artifact: Artifact,
  workspace: string,
  env: Readonly<Record<string, string | undefined>>,
  exec: Exec,
): Promise<string[]> {
  const deps = artifact.custom?.dependencies ?? {};
  if (deps.dockerfile !== undefined) {
    const buildArgs = evaluateBuildArgs({
      ...(deps.dockerfile.buildArgs === undefined ? {} : { buildArgs: deps.dockerfile.buildArgs }),
      mode: "dev",
      tag: artifact.image,
      dependencies: new Map(),
      declaredArgs: new Set(),
      env,
      cwd: workspace,
    });
    return dockerfileDependencies(workspace, {
      buildArgs,
      ...(deps.dockerfile.path === undefined ? {} : { dockerfile: deps.dockerfile.path }),
    });
  }
  if (deps.command !== undefined && deps.command !== "")
    return fromCommand(deps.command, workspace, env, exec);
  return listPathDependencies(
    workspace,
    { paths: deps.paths ?? ["."], ignore: deps.ignore ?? [] },
    "custom.dependencies.paths",
  );
}
