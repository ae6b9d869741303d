/** Plain-text reports of what a deploy placed, for the end of a run and for an interrupted or failed one. */
import type { DeployedResource, DeployerKind } from "../deploy/types.js";

/** `deployment.apps/web -n ns` style names, as kubectl prints them. */
export function resourceName(resource: DeployedResource): string {
  const [group] = resource.apiVersion.includes("/") ? resource.apiVersion.split("/") : [""];
  const kind = resource.kind.toLowerCase();
  const qualified =
    group === "" || group === undefined || resource.deployer === "docker" ? kind : `${kind}.${group}`;
  return `${qualified}/${resource.name}${resource.namespace === undefined ? "" : ` (namespace ${resource.namespace})`}`;
}

/** What happened to each step of a deploy that did not finish. */
export interface PartialDeploy {
  readonly applied: readonly DeployedResource[];
  /** The deployer that was running when the deploy stopped, if any. */
  readonly interrupted: DeployerKind | undefined;
  /** Deployers that never started. */
  readonly notStarted: readonly DeployerKind[];
  /** Why it stopped: "interrupted" (Ctrl+C) or the error message. */
  readonly reason: string;
}

/** Lines telling the user exactly what is in the cluster (or engine) now and what is not. */
export function partialDeployReport(partial: PartialDeploy): string[] {
  const lines = [`Deploy stopped (${partial.reason}).`];
  if (partial.applied.length === 0) lines.push("Nothing was applied.");
  else {
    lines.push(`Applied (${String(partial.applied.length)}):`);
    for (const resource of partial.applied)
      lines.push(`  - ${resourceName(resource)} [${resource.deployer}]`);
  }
  if (partial.interrupted !== undefined)
    lines.push(
      `The ${partial.interrupted} deployer was stopped mid-way: objects not listed above may or may not have been applied.`,
    );
  if (partial.notStarted.length > 0) lines.push(`Not deployed: ${partial.notStarted.join(", ")}.`);
  if (partial.applied.length > 0 || partial.interrupted !== undefined)
    lines.push("Run `trestle delete` to remove what was applied, or deploy again to finish.");
  return lines;
}
