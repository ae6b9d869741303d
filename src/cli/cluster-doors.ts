/**
 * The cluster-facing parts of a deploying command, chosen from its flags: the module renderer, the helm
 * post-renderer, the status check, log tailing and port forwarding, and the targets of container hooks.
 */
import type { ResolvedConfig } from "../config/resolved.js";
import type { ContainerHookTargets } from "../deploy/hooks.js";
import type { HelmDeployerOptions } from "../deploy/helm/deployer.js";
import { userError } from "../errors/errors.js";
import type { Runtime } from "../runner/create-runner.js";
import type { RunPipelineDeps } from "../runner/run-pipeline.js";
import type { CommandContext } from "./command-spec.js";
import type { DeploySetup, ModuleRender } from "./deploy-setup.js";

/** What a deploying command uses from the cluster side. */
export interface ClusterDoors {
  readonly render: ModuleRender;
  readonly helmPostRenderer: HelmDeployerOptions["postRenderer"];
  readonly statusCheck: RunPipelineDeps["statusCheck"];
  readonly attach: RunPipelineDeps["attach"];
  readonly hookTargets: ContainerHookTargets | undefined;
}

/** Builds the cluster doors for a command. */
export function clusterDoors(
  _context: CommandContext,
  _project: ResolvedConfig,
  _setup: DeploySetup,
  _runtime: Pick<Runtime, "exec">,
): ClusterDoors {
  return {
    render: () =>
      Promise.reject(userError("RENDER_UNAVAILABLE", "rendering is not wired yet", "work in progress")),
    helmPostRenderer: undefined,
    statusCheck: undefined,
    attach: undefined,
    hookTargets: undefined,
  };
}
