import { MANAGED_BY_VALUE } from "../../manifest/labels.js";
import { kubectlCliApplier } from "../../deploy/kubectl/cli-applier.js";
import { createRuntime } from "../../runner/create-runner.js";
import type { CommandContext } from "../command-spec.js";
import { clusterDoors } from "../cluster-doors.js";
import { deploySetup, modulePlans } from "../deploy-setup.js";
import { loadProjectFromFlags } from "../project.js";

/**
 * `trestle delete`: what the config's deployers would deploy, rendered again without building (kubectl, kpt),
 * plus the Helm releases and the Docker containers and networks, deleted in reverse deploy order; waits
 * for the deletions with a progress message. `--dry-run` lists instead.
 */
export async function run(context: CommandContext): Promise<number> {
  const flags = context.parsed.flags;
  const project = await loadProjectFromFlags(context);
  const setup = deploySetup(context);
  const runtime = createRuntime(project, {
    env: setup.env,
    cwd: context.cwd,
    insecureRegistries: [],
    skipTests: true,
  });
  const doors = clusterDoors(context, project, setup, runtime);
  const plans = modulePlans(
    project,
    runtime,
    {
      env: setup.env,
      kubeContext: setup.kubeContext,
      kubeconfig: setup.kubeconfig,
      force: false,
      waitForDeletionsMaxMs: flags.int("wait-for-deletions-max") ?? 60_000,
      managedBy: MANAGED_BY_VALUE,
      applier: () =>
        kubectlCliApplier(runtime.exec, {
          kubeContext: setup.kubeContext,
          kubeconfig: setup.kubeconfig,
          env: setup.env,
        }),
      helmPostRenderer: undefined,
    },
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
