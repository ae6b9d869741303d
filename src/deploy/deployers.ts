/**
 * The one place a module's `deploy` section picks deployers: each configured key, in Skaffold's order
 * (docker, helm, kpt, kubectl), built by the factory for that key.
 */
import type { DeployConfig } from "../config/schema/deploy.js";
import type { DeployHooks } from "../config/schema/hooks.js";
import { userError } from "../errors/errors.js";
import type { Deployer, DeployerKind } from "./types.js";

/** Builds the deployer of one key from its config section. */
export interface DeployerFactories {
  docker(config: NonNullable<DeployConfig["docker"]>): Deployer;
  helm(config: NonNullable<DeployConfig["helm"]>): Deployer;
  kpt(config: NonNullable<DeployConfig["kpt"]>): Deployer;
  kubectl(config: NonNullable<DeployConfig["kubectl"]>): Deployer;
}

/** A deployer and its hooks. */
export interface ConfiguredDeployer {
  readonly deployer: Deployer;
  readonly hooks: DeployHooks | undefined;
}

/** Skaffold's deployer order within a module. */
export const DEPLOYER_ORDER: readonly DeployerKind[] = ["docker", "helm", "kpt", "kubectl"];

/** The module's deployers in order; Cloud Run is refused with a clear error. */
export function configuredDeployers(
  deploy: DeployConfig | undefined,
  factories: DeployerFactories,
): ConfiguredDeployer[] {
  if (deploy?.cloudrun !== undefined) {
    throw userError(
      "CLOUDRUN_UNSUPPORTED",
      "deploy.cloudrun is not supported by Trestle",
      "Deploy to Cloud Run with gcloud, or remove deploy.cloudrun (a profile can keep it for Skaffold).",
    );
  }
  const out: ConfiguredDeployer[] = [];
  if (deploy?.docker !== undefined) out.push({ deployer: factories.docker(deploy.docker), hooks: undefined });
  if (deploy?.helm !== undefined)
    out.push({ deployer: factories.helm(deploy.helm), hooks: deploy.helm.hooks });
  if (deploy?.kpt !== undefined) out.push({ deployer: factories.kpt(deploy.kpt), hooks: undefined });
  if (deploy?.kubectl !== undefined)
    out.push({ deployer: factories.kubectl(deploy.kubectl), hooks: deploy.kubectl.hooks });
  return out;
}
