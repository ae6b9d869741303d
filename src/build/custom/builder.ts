/**
 * The `custom` artifact builder: runs the user's `buildCommand` with Skaffold's environment, then resolves
 * what it produced: the registry digest when pushing (the engine's distribution inspect), else the local
 * image ID. Dependencies come from `dependencies.dockerfile`, `.command` or `.paths`/`.ignore`.
 */
import type { Artifact } from "../../config/schema/index.js";
import { renderTemplate, templateData } from "../../config/template/index.js";
import { TrestleError, userError } from "../../errors/errors.js";
import type { DockerDaemon } from "../../docker/index.js";
import type { Exec } from "../../proc/exec.js";
import type { ArtifactBuilder, BuildRequest, BuiltImage, DependencyLister } from "../types.js";
import { customDependencies } from "./dependencies.js";
import { customBuildEnv, type CustomBuildSettings } from "./env.js";

/** What the custom builder needs. */
export interface CustomBuilderOptions extends CustomBuildSettings {
  readonly exec: Exec;
  readonly daemon: Pick<DockerDaemon, "images" | "registry">;
}

function shell(command: string): [string, string[]] {
  return process.platform === "win32" ? ["cmd.exe", ["/C", command]] : ["sh", ["-c", command]];
}

/** Builds `custom` artifacts and lists their dependencies. */
export class CustomBuilder implements ArtifactBuilder, DependencyLister {
  constructor(private readonly options: CustomBuilderOptions) {}

  async build(request: BuildRequest): Promise<BuiltImage> {
    const template = request.artifact.custom?.buildCommand ?? "";
    if (template.trim() === "") {
      throw userError("CUSTOM_NO_BUILD_COMMAND", `${request.artifact.image}: custom.buildCommand is empty`);
    }
    const command = renderTemplate(template, templateData({}, request.env), { env: request.env });
    const [file, args] = shell(command);
    const result = await this.options.exec.run(file, args, {
      cwd: request.workspace,
      env: customBuildEnv(request, this.options),
      signal: request.signal,
      onLine: (line) => {
        request.output(line);
      },
    });
    if (result.code !== 0) {
      const last = result.stderr.trim().split("\n").at(-1) ?? "";
      throw new TrestleError(
        `building ${request.artifact.image}: \`${command}\` exited with ${result.code}${last === "" ? "" : `: ${last}`}`,
        {
          kind: "user",
          code: "CUSTOM_BUILD_FAILED",
          hint: "The build script's output above shows what went wrong.",
        },
      );
    }
    return request.push ? this.pushed(request) : this.local(request);
  }

  dependencies(
    artifact: Artifact,
    workspace: string,
    env: Readonly<Record<string, string | undefined>>,
  ): Promise<readonly string[]> {
    return customDependencies(artifact, workspace, env, this.options.exec);
  }

  private async pushed(request: BuildRequest): Promise<BuiltImage> {
    try {
      const { digest } = await this.options.daemon.registry.distribution(request.tag, request.signal);
      return { reference: `${request.tag}@${digest}`, digest };
    } catch (error) {
      throw new TrestleError(
        `the custom build of ${request.artifact.image} did not push ${request.tag}: ${error instanceof Error ? error.message : String(error)}`,
        {
          kind: "user",
          code: "CUSTOM_BUILD_NO_IMAGE",
          hint: "With PUSH_IMAGE=true the script must push $IMAGE.",
          cause: error,
        },
      );
    }
  }

  private async local(request: BuildRequest): Promise<BuiltImage> {
    const image = await this.options.daemon.images.inspect(request.tag, request.signal);
    if (image === undefined) {
      throw userError(
        "CUSTOM_BUILD_NO_IMAGE",
        `the custom script didn't produce an image with tag [${request.tag}]`,
        "The script must build (or load) $IMAGE into the local Docker engine when PUSH_IMAGE=false.",
      );
    }
    return { reference: request.tag, imageId: image.id };
  }
}
