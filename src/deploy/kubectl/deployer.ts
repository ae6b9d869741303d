/**
 * `deploy.kubectl`: applies the rendered manifests with `kubectl apply` (users' `flags.global/apply/delete`
 * pass through) after waiting for same-named objects still terminating, applies `remoteManifests` (objects
 * read from the cluster) with the built images and the run's labels, and deletes the rendered manifests
 * again at cleanup, waiting for the deletions with a progress message.
 */
import type { KubectlDeploy } from "../../config/schema/deploy.js";
import { renderTemplate, templateData, TemplateError } from "../../config/template/index.js";
import { configError } from "../../errors/errors.js";
import { createResourceSelector, type ResourceSelector } from "../../manifest/selector.js";
import { formatManifests } from "../../manifest/yaml.js";
import type { KubectlFlags, KubeObjectRef, ManifestApplier } from "../../kube/types.js";
import { hydrate } from "../../render/hydrate.js";
import type {
  CleanupRequest,
  DeployedResource,
  Deployer,
  DeployRequest,
  DeployResult,
  KubeManifest,
} from "../types.js";
import { waitForPendingDeletions } from "./pending-deletions.js";
import { unpinBuiltImages, type RemoteReader } from "./remote.js";

/** An object kubectl applied or deleted. */
type ObjectRef = KubeObjectRef;

/** kubectl's flags as the applier takes them. */
type PassThroughFlags = KubectlFlags;

/** What this deployer uses of the cluster adapter's `ManifestApplier`. */
export type KubectlApplier = Pick<ManifestApplier, "apply" | "delete" | "terminating" | "read">;

/** `--wait-for-deletions`, `--wait-for-deletions-max`, `--wait-for-deletions-delay`. */
export interface WaitForDeletions {
  readonly enabled: boolean;
  readonly maxMs: number;
  readonly delayMs: number;
}

/** What the kubectl deployer is configured with. */
export interface KubectlDeployerOptions {
  readonly config: KubectlDeploy;
  readonly applier: () => KubectlApplier;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `--force`: recreate objects that cannot be updated in place. */
  readonly force: boolean;
  /** Before a deploy (pending deletions) and after a cleanup (`waitForDeletions.maxMs` bounds both). */
  readonly waitForDeletions: WaitForDeletions;
  /** Reads `remoteManifests` entries (`deployment/web`, `ns:deployment/web`); undefined: unsupported. */
  readonly readRemote?: RemoteReader;
  /** The module's resource selector (image fields and labels of remote manifests); default Skaffold's. */
  readonly selector?: ResourceSelector;
}

/** `deploy.kubectl.flags` with `disableValidation` turned into `--validate=false`. */
export function passThroughFlags(config: KubectlDeploy): PassThroughFlags {
  const flags = config.flags ?? {};
  return {
    global: flags.global ?? [],
    apply: [...(flags.apply ?? []), ...(flags.disableValidation === true ? ["--validate=false"] : [])],
    delete: flags.delete ?? [],
  };
}

/** `defaultNamespace` after templates; undefined when unset or empty. */
export function defaultNamespace(
  config: KubectlDeploy,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const text = config.defaultNamespace;
  if (text === undefined || text === "") return undefined;
  try {
    const value = renderTemplate(text, templateData({}, env), { env, missingKey: "error" });
    return value === "" ? undefined : value;
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    throw configError(
      "CONFIG_BAD_TEMPLATE",
      `deploy.kubectl.defaultNamespace: cannot expand ${JSON.stringify(text)}: ${error.message}`,
    );
  }
}

/** A one-line summary of objects still being deleted. */
export function waitingLine(remaining: readonly ObjectRef[]): string {
  const names = remaining.slice(0, 3).map((r) => `${r.kind.toLowerCase()}/${r.name}`);
  const more = remaining.length > 3 ? ` and ${String(remaining.length - 3)} more` : "";
  return `Waiting for deletion of ${String(remaining.length)} object(s): ${names.join(", ")}${more}`;
}

function toResource(ref: ObjectRef): DeployedResource {
  return {
    deployer: "kubectl",
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    name: ref.name,
    ...(ref.namespace === undefined || ref.namespace === "" ? {} : { namespace: ref.namespace }),
  };
}

/** Applies and deletes the module's rendered manifests with kubectl. */
export function kubectlDeployer(options: KubectlDeployerOptions): Deployer {
  const flags = passThroughFlags(options.config);
  const namespaceFor = (override: string | undefined): string | undefined =>
    override ?? defaultNamespace(options.config, options.env);

  /** The remote manifests, read now, with the built images and the run's labels. */
  async function remote(request: DeployRequest, namespace: string | undefined): Promise<KubeManifest[]> {
    const entries = options.config.remoteManifests ?? [];
    if (entries.length === 0) return [];
    if (options.readRemote === undefined) {
      throw configError(
        "KUBECTL_REMOTE_MANIFESTS_UNSUPPORTED",
        `deploy.kubectl.remoteManifests (${entries.join(", ")}) cannot be read by this command`,
        undefined,
        "Use trestle run or trestle deploy, or manifests.remoteManifests.",
      );
    }
    const read: KubeManifest[] = [];
    for (const entry of entries) read.push(...(await options.readRemote(entry, namespace, request.signal)));
    const selector = options.selector ?? createResourceSelector();
    return [
      ...hydrate(unpinBuiltImages(read, request.builds, selector), {
        images: request.builds,
        selector,
        labels: request.labels,
      }).manifests,
    ];
  }

  async function waitForTerminating(yaml: string, request: DeployRequest, namespace: string | undefined) {
    if (!options.waitForDeletions.enabled) return;
    await waitForPendingDeletions(
      () =>
        options.applier().terminating(yaml, {
          ...(namespace === undefined ? {} : { namespace }),
          flags,
          signal: request.signal,
        }),
      {
        maxMs: options.waitForDeletions.maxMs,
        delayMs: options.waitForDeletions.delayMs,
        output: request.output,
        signal: request.signal,
      },
    );
  }

  return {
    kind: "kubectl",

    async deploy(request): Promise<DeployResult> {
      const namespace = namespaceFor(request.namespace);
      const remoteManifests = await remote(request, namespace);
      if (request.manifests.length === 0 && remoteManifests.length === 0) {
        request.output("kubectl: no manifests to apply.");
        return { resources: [], namespaces: [] };
      }
      const applied: ObjectRef[] = [];
      if (request.manifests.length > 0) {
        const yaml = formatManifests(request.manifests);
        await waitForTerminating(yaml, request, namespace);
        const objects = await options.applier().apply(yaml, {
          ...(namespace === undefined ? {} : { namespace }),
          flags,
          force: options.force,
          signal: request.signal,
        });
        request.onApplied(objects.map(toResource));
        applied.push(...objects);
      }
      if (remoteManifests.length > 0) {
        // Remote objects carry the namespace they were read from.
        const objects = await options.applier().apply(formatManifests(remoteManifests), {
          flags,
          force: options.force,
          signal: request.signal,
        });
        request.onApplied(objects.map(toResource));
        request.output(
          `kubectl: applied ${String(objects.length)} remote manifest(s) with the built images.`,
        );
        applied.push(...objects);
      }
      const resources = applied.map(toResource);
      request.output(`kubectl: applied ${String(resources.length)} object(s).`);
      const namespaces = new Set(resources.flatMap((r) => (r.namespace === undefined ? [] : [r.namespace])));
      if (namespace !== undefined) namespaces.add(namespace);
      return { resources, namespaces: [...namespaces] };
    },

    async cleanup(request: CleanupRequest): Promise<void> {
      if (request.manifests.length === 0) return;
      const namespace = namespaceFor(request.namespace);
      if (request.dryRun) {
        for (const m of request.manifests) {
          const meta = (m["metadata"] ?? {}) as Record<string, unknown>;
          request.output(`Would delete ${String(m["kind"]).toLowerCase()}/${String(meta["name"])}`);
        }
        return;
      }
      let last = "";
      const deleted = await options.applier().delete(formatManifests(request.manifests), {
        ...(namespace === undefined ? {} : { namespace }),
        flags,
        wait: true,
        waitMaxMs: options.waitForDeletions.maxMs,
        onWaiting: (remaining) => {
          const line = waitingLine(remaining);
          if (line !== last) request.output(line);
          last = line;
        },
        signal: request.signal,
      });
      request.output(`kubectl: deleted ${String(deleted.length)} object(s).`);
    },

    dependencies: () => Promise.resolve([]),
  };
}
