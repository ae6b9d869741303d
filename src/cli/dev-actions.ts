/**
 * The dev loop's actions wired to the real pipelines: build a subset of the artifacts with the build pipeline,
 * and deploy given images with the run pipeline (render → deployers → status check), injecting the sync
 * helper into pods of synced images and the caller's manifest transform (debug); cleanup deletes what the
 * last deploy rendered.
 */
import { eventLine } from "../build/scheduler-output.js";
import type { BuildOutputEntry, BuiltImage } from "../build/types.js";
import type { ResolvedConfig } from "../config/resolved.js";
import type { DeployedResource, KubeManifest } from "../deploy/types.js";
import type { ManifestList } from "../manifest/types.js";
import type { EventSink } from "../output/events.js";
import { runBuildPipeline } from "../runner/build-pipeline.js";
import type { DevActions, DevBuild } from "../runner/dev-loop.js";
import { runPipeline, type ModulePlan, type RunPipelineDeps } from "../runner/run-pipeline.js";
import { injectSyncHelper } from "../sync/helper-injection.js";
import type { BuildSetup } from "./build-setup.js";
import type { DeploySetup } from "./deploy-setup.js";

/** A manifest transform that may look at the images deployed (debug rewrites workloads with it). */
export type DevManifestTransform = (
  manifests: ManifestList,
  builds: readonly BuildOutputEntry[],
) => ManifestList | Promise<ManifestList>;

/** What a finished deploy did, for the session (sync targets, attachments) and for `afterDeploy`. */
export interface DevDeployment {
  readonly iteration: number;
  readonly builds: readonly BuildOutputEntry[];
  readonly namespaces: readonly string[];
  readonly deployed: readonly DeployedResource[];
}

export interface DevActionsInputs {
  readonly project: ResolvedConfig;
  readonly build: BuildSetup;
  readonly deploy: DeploySetup;
  readonly plans: readonly ModulePlan[];
  readonly pipeline: Pick<RunPipelineDeps, "statusCheck" | "hooks">;
  /** Images with sync rules: their pods get the tar-less sync helper. */
  readonly syncedImages: ReadonlySet<string>;
  readonly helperImage: string | undefined;
  readonly transformManifests: DevManifestTransform | undefined;
  readonly onDeployed: (deployment: DevDeployment) => Promise<void>;
  readonly events: EventSink;
  readonly say: (line: string) => void;
}

function digestOf(reference: string): string | undefined {
  const at = reference.lastIndexOf("@");
  return at < 0 ? undefined : reference.slice(at + 1);
}

function failure(outcomes: Awaited<ReturnType<typeof runBuildPipeline>>["outcomes"]): string {
  const failed = outcomes.filter((o) => o.status !== "succeeded").map((o) => `${o.image} (${o.status})`);
  const first = outcomes.find((o) => o.status === "failed");
  const cause = first?.status === "failed" && first.error instanceof Error ? `: ${first.error.message}` : "";
  return `${failed.join(", ")}${cause}`;
}

/** The actions of one dev session (one config load). */
export function devActions(inputs: DevActionsInputs): DevActions {
  const { say } = inputs;
  const rendered = new Map<number, readonly KubeManifest[]>();

  const plans = inputs.plans.map((plan, index): ModulePlan => {
    const render = plan.render;
    if (render === undefined) return plan;
    return {
      ...plan,
      render: async (builds) => {
        const refs = new Set(builds.filter((b) => inputs.syncedImages.has(b.imageName)).map((b) => b.tag));
        let manifests: ManifestList = await render(builds);
        if (refs.size > 0) manifests = injectSyncHelper(manifests, refs, inputs.helperImage);
        if (inputs.transformManifests) manifests = await inputs.transformManifests(manifests, builds);
        rendered.set(index, manifests);
        return manifests;
      },
    };
  });

  return {
    async build(images, signal): Promise<DevBuild> {
      try {
        const result = await runBuildPipeline(
          inputs.project,
          { ...inputs.build.options, imageFilter: images ?? inputs.build.options.imageFilter, signal },
          {
            ...inputs.build.deps,
            onEvent: (event) => {
              say(eventLine(event));
            },
          },
        );
        const built = new Map<string, BuiltImage>();
        for (const entry of result.entries) {
          const digest = digestOf(entry.tag);
          built.set(entry.imageName, { reference: entry.tag, ...(digest ? { digest } : {}) });
        }
        for (const o of result.outcomes) if (o.status === "succeeded") built.set(o.image, o.built);
        if (!result.ok) return { ok: false, built, error: failure(result.outcomes) };
        if (result.entries.length > 0) say("Tags used in deployment:");
        for (const entry of result.entries) say(` - ${entry.imageName} -> ${entry.tag}`);
        return { ok: true, built };
      } catch (error) {
        return { ok: false, built: new Map(), error: error instanceof Error ? error.message : String(error) };
      }
    },

    async deploy(builds, iteration, signal): Promise<void> {
      const setup = inputs.deploy;
      const result = await runPipeline(
        {
          runId: setup.runId,
          labels: setup.labels,
          namespace: setup.namespace,
          kubeContext: setup.kubeContext,
          images: builds,
          stayAttached: false,
          cleanupOnInterrupt: false,
          iteration,
          signal,
        },
        {
          build: undefined,
          modules: plans,
          statusCheck: inputs.pipeline.statusCheck,
          attach: undefined,
          hooks: inputs.pipeline.hooks,
          output: say,
        },
      );
      await inputs.onDeployed({
        iteration,
        builds,
        namespaces: result.namespaces,
        deployed: result.deployed,
      });
    },

    async cleanup(): Promise<void> {
      const quiet = new AbortController().signal; // not cancelled by the Ctrl+C that asked for it
      for (let index = plans.length - 1; index >= 0; index--) {
        for (const step of [...(plans[index]?.steps ?? [])].reverse()) {
          await step.deployer.cleanup({
            manifests: rendered.get(index) ?? [],
            ...(inputs.deploy.namespace === undefined ? {} : { namespace: inputs.deploy.namespace }),
            dryRun: false,
            output: say,
            signal: quiet,
          });
        }
      }
    },
  };
}
