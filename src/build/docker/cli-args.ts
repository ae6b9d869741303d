/**
 * The `docker build` command line for a plan, as Skaffold builds it (`dockerCLIBuild`, `ToCLIBuildArgs`), and
 * the environment that selects BuildKit.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { renderTemplate, templateData } from "../../config/template/index.js";
import type { BuildRequest } from "../types.js";
import { imageEnvTags } from "./build-args.js";
import type { DockerBuildPlan, DockerBuildSettings } from "./plan.js";

function expandHome(path: string): string {
  return path === "~" || path.startsWith("~/") ? join(homedir(), path.slice(1)) : path;
}

/** Arguments after `docker build`. */
export function dockerBuildArgs(
  plan: DockerBuildPlan,
  request: BuildRequest,
  settings: DockerBuildSettings,
): string[] {
  const { docker } = plan;
  const args = [request.workspace, "--file", plan.dockerfilePath, "-t", request.tag];
  for (const [key, value] of Object.entries(plan.buildArgs)) {
    args.push("--build-arg", value === null ? key : `${key}=${value}`);
  }
  for (const host of docker.addHost ?? []) args.push("--add-host", host);
  for (const from of plan.cacheFrom) args.push("--cache-from", from);
  const data = templateData(imageEnvTags(request.tag), request.env);
  for (const flag of docker.cliFlags ?? []) args.push(renderTemplate(flag, data, { env: request.env }));
  if (docker.target) args.push("--target", docker.target);
  if (docker.network) args.push("--network", docker.network.toLowerCase());
  if (docker.noCache === true) args.push("--no-cache");
  if (docker.squash === true) args.push("--squash");
  if (docker.pullParent === true) args.push("--pull");
  for (const secret of docker.secrets ?? []) {
    let spec = `id=${secret.id}`;
    if (secret.src) spec += `,src=${expandHome(secret.src)}`;
    if (secret.env) spec += `,env=${secret.env}`;
    args.push("--secret", spec);
  }
  if (docker.ssh) args.push("--ssh", docker.ssh);
  if (request.platforms.length > 0) args.push("--platform", request.platforms.join(","));
  if (request.platforms.length > 1 && request.push) args.push("--push");
  else if (settings.useBuildkit === true && !request.push) args.push("--load");
  return args;
}

/** `DOCKER_BUILDKIT` as Skaffold sets it: from `useBuildkit`, else on for what only BuildKit can do. */
export function dockerBuildEnv(
  plan: DockerBuildPlan,
  request: BuildRequest,
  settings: DockerBuildSettings,
): Record<string, string | undefined> {
  const env = { ...request.env };
  const needsBuildkit =
    request.platforms.length > 0 || (plan.docker.secrets ?? []).length > 0 || (plan.docker.ssh ?? "") !== "";
  if (settings.useBuildkit !== undefined) env["DOCKER_BUILDKIT"] = settings.useBuildkit ? "1" : "0";
  else if (needsBuildkit) env["DOCKER_BUILDKIT"] = "1";
  return env;
}
