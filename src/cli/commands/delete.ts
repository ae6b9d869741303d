import type { CommandContext } from "../command-spec.js";
import { modulePlans } from "../deploy-setup.js";
import { deployRuntime } from "../deploy-pipeline.js";
import { loadProjectFromFlags } from "../project.js";

/**
 * `trestle delete`: what the config's deployers would deploy, rendered again without building (kubectl, kpt),
 * plus the Helm releases and the Docker containers and networks, deleted in reverse deploy order; waits
 * for the deletions with a progress message. `--dry-run` lists instead.
 */
export async function run(context: CommandContext): Promise<number> {
  const flags = context.parsed.flags;
  const project = await loadProjectFromFlags(context);
  const { setup, runtime, doors, deployOptions } = deployRuntime(context, project);
  // Deleting needs no post-renderer, and never forces.
  const plans = modulePlans(
    project,
    runtime,
    { ...deployOptions, force: false, helmPostRenderer: undefined },
    doors.render,
  );
  const dryRun = flags.bool("dry-run");
  for (const plan of [...plans].reverse()) {
    const manifests = plan.render === undefined ? [] : await plan.render([]);
    for (const step of [...plan.steps].reverse()) {
      await step.deployer.cleanup({
        manifests,
        ...(setup.namespace === undefined ? {} : { namespace: setup.namespace }),
        dryRun,
        output: setup.say,
        signal: context.signal,
      });
    }
  }
  setup.say(dryRun ? "Dry run: nothing was deleted." : "Cleanup complete.");
  return 0;
}
