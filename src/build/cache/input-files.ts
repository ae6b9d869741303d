import { resolve } from "node:path";
import type { Artifact } from "../../config/schema/index.js";
import type { DependencyLister } from "../types.js";

/** The Dockerfile an artifact is built from, if its builder has one (as Skaffold's input digest adds it). */
function dockerfileOf(artifact: Artifact): string | undefined {
  if (artifact.docker !== undefined) return artifact.docker.dockerfile ?? "Dockerfile";
  if (artifact.kaniko !== undefined) return artifact.kaniko.dockerfile ?? "Dockerfile";
  return artifact.custom?.dependencies?.dockerfile?.path;
}

/**
 * The files (absolute paths) an artifact's image is made from: what its dependency lister reports, plus its
 * Dockerfile, which shapes the image even when `.dockerignore` hides it from the build context.
 */
export async function artifactInputFiles(
  artifact: Artifact,
  workspace: string,
  lister: DependencyLister,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string[]> {
  const files = [...(await lister.dependencies(artifact, workspace, env))];
  const dockerfile = dockerfileOf(artifact);
  if (dockerfile !== undefined && dockerfile !== "") files.push(resolve(workspace, dockerfile));
  return files;
}
