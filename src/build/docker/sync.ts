/**
 * Inferred sync rules for a docker artifact, ready for the dev loop: the artifact's build args evaluated as
 * for a build, and relative COPY destinations resolved against the base images' WORKDIR as the engine
 * reports it (`/` for a base the engine does not have).
 */
import type { Artifact } from "../../config/schema/index.js";
import type { ImageStore } from "../../docker/index.js";
import { dockerfileBaseImages, inferredSyncMap, resolveDockerfilePath } from "../dockerfile/index.js";
import type { RunMode } from "../types.js";
import { artifactBuildArgs } from "./plan.js";

/** What the sync rules depend on besides the artifact. */
export interface SyncRuleInputs {
  readonly workspace: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly mode: RunMode;
  /** The built references of required artifacts, by alias. */
  readonly dependencies: ReadonlyMap<string, string>;
  readonly images: Pick<ImageStore, "inspect">;
  readonly cwd?: string;
}

/** Context-relative file → absolute destinations in the container, from the Dockerfile's last stage. */
export async function dockerSyncMap(
  artifact: Artifact,
  inputs: SyncRuleInputs,
): Promise<Map<string, string[]>> {
  const docker = artifact.docker ?? {};
  const dockerfile = resolveDockerfilePath(inputs.workspace, docker.dockerfile, inputs.cwd);
  const buildArgs = await artifactBuildArgs(docker, dockerfile, {
    mode: inputs.mode,
    tag: artifact.image,
    dependencies: inputs.dependencies,
    env: inputs.env,
    cwd: inputs.workspace,
  });
  const workdirs = new Map<string, string>();
  for (const image of await dockerfileBaseImages(inputs.workspace, dockerfile, buildArgs)) {
    const found = await inputs.images.inspect(image);
    if (found !== undefined && found.workingDir !== "") workdirs.set(image, found.workingDir);
  }
  return inferredSyncMap(inputs.workspace, {
    dockerfile,
    buildArgs,
    baseWorkdir: (image) => workdirs.get(image),
  });
}
