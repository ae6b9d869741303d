/**
 * The `docker` artifact builder: builds through the Engine API (streaming the context and the progress), or
 * through the `docker build` CLI for BuildKit-only features, then pushes through the engine or keeps the image
 * local. See README.md for which path is taken when.
 */
import { existsSync } from "node:fs";
import type { Artifact } from "../../config/schema/index.js";
import { externalError, userError } from "../../errors/errors.js";
import type { DockerCli, DockerDaemon, LineSink } from "../../docker/index.js";
import { dockerfileBaseImages, dockerfileDependencies, resolveDockerfilePath } from "../dockerfile/index.js";
import type { ArtifactBuilder, BuildRequest, BuiltImage, DependencyLister } from "../types.js";
import { dockerBuildArgs, dockerBuildEnv } from "./cli-args.js";
import { buildContext } from "./context.js";
import {
  artifactBuildArgs,
  planDockerBuild,
  type DockerBuildPlan,
  type DockerBuildSettings,
} from "./plan.js";

/** What the docker builder needs. */
export interface DockerBuilderOptions extends DockerBuildSettings {
  readonly daemon: Pick<DockerDaemon, "builder" | "images" | "registry">;
  readonly cli: DockerCli;
}

/** Builds `docker` artifacts and lists their dependencies. */
export class DockerBuilder implements ArtifactBuilder, DependencyLister {
  constructor(private readonly options: DockerBuilderOptions) {}

  async build(request: BuildRequest): Promise<BuiltImage> {
    const plan = await planDockerBuild(request, this.options);
    await this.ensureCacheFrom(plan.cacheFrom, request.output, request.signal);
    if (request.platforms.length > 1) return this.multiPlatformBuild(plan, request);
    const imageId =
      plan.cliReason === undefined ? await this.apiBuild(plan, request) : await this.cliBuild(plan, request);
    if (!request.push) return { reference: request.tag, imageId };
    const digest = await this.options.daemon.registry.push(request.tag, request.output, request.signal);
    return { reference: `${request.tag}@${digest}`, digest, imageId };
  }

  async dependencies(
    artifact: Artifact,
    workspace: string,
    env: Readonly<Record<string, string | undefined>>,
  ): Promise<readonly string[]> {
    const docker = artifact.docker ?? {};
    const dockerfilePath = resolveDockerfilePath(workspace, docker.dockerfile, this.options.cwd);
    if (!existsSync(dockerfilePath)) return [dockerfilePath]; // watching it is what helps
    const buildArgs = await artifactBuildArgs(docker, dockerfilePath, {
      mode: "dev",
      tag: artifact.image,
      dependencies: new Map(),
      env,
      cwd: workspace,
    });
    return dockerfileDependencies(workspace, { dockerfile: dockerfilePath, buildArgs });
  }

  /** Skaffold's `pullCacheFromImages`: the classic builder only uses cache images present locally. */
  private async ensureCacheFrom(
    cacheFrom: readonly string[],
    output: LineSink,
    signal: AbortSignal,
  ): Promise<void> {
    for (const image of cacheFrom) {
      if ((await this.options.daemon.images.inspect(image, signal)) !== undefined) continue;
      try {
        await this.options.daemon.registry.pull(image, output, { signal });
      } catch (error) {
        output(
          `cacheFrom image ${image} could not be pulled: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  private async apiBuild(plan: DockerBuildPlan, request: BuildRequest): Promise<string> {
    const { docker } = plan;
    const context = await buildContext(request.workspace, plan.dockerfilePath);
    const platform = request.platforms.length === 1 ? request.platforms[0] : undefined;
    const { imageId } = await this.options.daemon.builder.build({
      context: context.tar,
      tags: [request.tag],
      dockerfile: context.dockerfile,
      buildArgs: plan.buildArgs,
      cacheFrom: plan.cacheFrom,
      extraHosts: docker.addHost ?? [],
      noCache: docker.noCache === true,
      squash: docker.squash === true,
      pull: docker.pullParent === true,
      baseImages: await dockerfileBaseImages(request.workspace, plan.dockerfilePath, plan.buildArgs),
      output: request.output,
      signal: request.signal,
      ...(docker.target ? { target: docker.target } : {}),
      ...(docker.network ? { network: docker.network } : {}),
      ...(platform === undefined ? {} : { platform }),
    });
    return imageId;
  }

  private async runCli(plan: DockerBuildPlan, request: BuildRequest): Promise<void> {
    request.output(`Building with the docker CLI (${plan.cliReason ?? ""})`);
    await this.options.cli.build(dockerBuildArgs(plan, request, this.options), {
      env: dockerBuildEnv(plan, request, this.options),
      cwd: request.workspace,
      output: request.output,
      signal: request.signal,
    });
  }

  private async cliBuild(plan: DockerBuildPlan, request: BuildRequest): Promise<string> {
    await this.runCli(plan, request);
    const built = await this.options.daemon.images.inspect(request.tag, request.signal);
    if (built === undefined) {
      throw externalError(
        "DOCKER_BUILD_NO_IMAGE",
        `docker build reported success but ${request.tag} is not in the engine`,
      );
    }
    return built.id;
  }

  /** Several platforms: BuildKit builds and pushes the index itself (an engine cannot hold it locally). */
  private async multiPlatformBuild(plan: DockerBuildPlan, request: BuildRequest): Promise<BuiltImage> {
    if (!request.push) {
      throw userError(
        "DOCKER_MULTI_PLATFORM_LOCAL",
        `${request.artifact.image}: a build for ${request.platforms.join(", ")} can only be pushed, not loaded into the local engine`,
        "Build with --push (or build.local.push: true), or target a single platform.",
      );
    }
    await this.runCli(plan, request);
    const { digest } = await this.options.daemon.registry.distribution(request.tag, request.signal);
    return { reference: `${request.tag}@${digest}`, digest };
  }
}
