/**
 * Everything a docker build needs decided before it runs, shared by the Engine API and CLI paths: the
 * Dockerfile, evaluated build args, `cacheFrom` (the artifact's own image rewritten to the tag being built),
 * and which path to take.
 */
import { existsSync } from "node:fs";
import type { DockerArtifact } from "../../config/schema/builders/docker.js";
import { userError } from "../../errors/errors.js";
import { formatPlatform, hostPlatform, parsePlatform, platformMatches } from "../../oci/platform.js";
import { declaredArgs, resolveDockerfilePath } from "../dockerfile/index.js";
import type { BuildRequest } from "../types.js";
import { evaluateBuildArgs, type BuildArgInputs } from "./build-args.js";

/** `build.local` settings the docker builder reads. */
export interface DockerBuildSettings {
  /** `build.local.useDockerCLI`. */
  readonly useDockerCLI?: boolean;
  /** `build.local.useBuildkit`; undefined leaves Docker's default. */
  readonly useBuildkit?: boolean;
  /** Directory a shared Dockerfile path may be relative to (Skaffold: where it runs). */
  readonly cwd?: string;
}

/** A build, decided. */
export interface DockerBuildPlan {
  readonly docker: DockerArtifact;
  readonly dockerfilePath: string;
  readonly buildArgs: Readonly<Record<string, string | null>>;
  readonly cacheFrom: readonly string[];
  /** Why the CLI is used, or undefined for the Engine API. */
  readonly cliReason?: string;
}

/** Skaffold's `adjustCacheFrom`: the artifact's own image in `cacheFrom` becomes the tag being built. */
export function adjustCacheFrom(
  cacheFrom: readonly string[],
  image: string,
  tag: string,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  if (env["SKAFFOLD_DISABLE_DOCKER_CACHE_ADJUSTMENT"]) return [...cacheFrom];
  return cacheFrom.map((from) => (from === image ? tag : from));
}

/** Why this build needs the `docker` CLI (BuildKit features the raw API cannot drive), or undefined. */
export function cliReason(
  docker: DockerArtifact,
  settings: DockerBuildSettings,
  platforms: readonly string[],
): string | undefined {
  if (settings.useDockerCLI === true) return "useDockerCLI is set";
  if (settings.useBuildkit === true) return "useBuildkit is set";
  if ((docker.cliFlags ?? []).length > 0) return "cliFlags are set";
  if ((docker.secrets ?? []).length > 0) return "secrets need BuildKit";
  if ((docker.ssh ?? "") !== "") return "ssh needs BuildKit";
  if (platforms.length > 1) return "a multi-platform build needs BuildKit";
  const [only] = platforms;
  if (only !== undefined && !platformMatches(parsePlatform(only), hostPlatform())) {
    return `a build for ${only} on a ${formatPlatform(hostPlatform())} host needs BuildKit`;
  }
  return undefined;
}

/** Evaluates an artifact's build args against the ARGs its Dockerfile declares. */
export async function artifactBuildArgs(
  docker: DockerArtifact,
  dockerfilePath: string,
  inputs: Omit<BuildArgInputs, "buildArgs" | "declaredArgs">,
): Promise<Record<string, string | null>> {
  return evaluateBuildArgs({
    ...inputs,
    ...(docker.buildArgs === undefined ? {} : { buildArgs: docker.buildArgs }),
    declaredArgs: await declaredArgs(dockerfilePath),
  });
}

/** Decides a build; a missing Dockerfile is a user error naming it. */
export async function planDockerBuild(
  request: BuildRequest,
  settings: DockerBuildSettings,
): Promise<DockerBuildPlan> {
  const docker = request.artifact.docker ?? {};
  const dockerfilePath = resolveDockerfilePath(request.workspace, docker.dockerfile, settings.cwd);
  if (!existsSync(dockerfilePath)) {
    throw userError(
      "DOCKERFILE_NOT_FOUND",
      `${request.artifact.image}: Dockerfile not found: ${dockerfilePath}`,
      "Check the artifact's `context` and `docker.dockerfile` (relative to the context).",
    );
  }
  const buildArgs = await artifactBuildArgs(docker, dockerfilePath, {
    mode: request.mode,
    tag: request.tag,
    dependencies: request.dependencies,
    env: request.env,
    cwd: request.workspace,
  });
  const reason = cliReason(docker, settings, request.platforms);
  return {
    docker,
    dockerfilePath,
    buildArgs,
    cacheFrom: adjustCacheFrom(docker.cacheFrom ?? [], request.artifact.image, request.tag, request.env),
    ...(reason === undefined ? {} : { cliReason: reason }),
  };
}
