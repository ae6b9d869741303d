/**
 * `deploy.kubectl`: applies the rendered manifests with `kubectl apply` (users' `flags.global/apply/delete`
 * pass through), and deletes them again at cleanup, waiting for the deletions with a progress message.
 */
import type { KubectlDeploy } from "../../config/schema/deploy.js";
import { renderTemplate, templateData, TemplateError } from "../../config/template/index.js";
import { configError } from "../../errors/errors.js";
import { formatManifests } from "../../manifest/yaml.js";
import type { CleanupRequest, DeployedResource, Deployer, DeployResult, KubeManifest } from "../types.js";

/** An object kubectl applied or deleted. */
interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** kubectl's flags as the applier takes them. */
interface PassThroughFlags {
  readonly global?: readonly string[];
  readonly apply?: readonly string[];
  readonly delete?: readonly string[];
}

/** The two operations of the cluster adapter's `ManifestApplier` this deployer uses. */
export interface KubectlApplier {
  apply(
    yaml: string,
    options?: {
      readonly namespace?: string;
      readonly flags?: PassThroughFlags;
      readonly force?: boolean;
      readonly signal?: AbortSignal;
    },
  ): Promise<readonly ObjectRef[]>;
  delete(
    yaml: string,
    options?: {
      readonly namespace?: string;
      readonly flags?: PassThroughFlags;
      readonly wait?: boolean;
      readonly waitMaxMs?: number;
      readonly onWaiting?: (remaining: readonly ObjectRef[]) => void;
      readonly signal?: AbortSignal;
    },
  ): Promise<readonly ObjectRef[]>;
}

/** What the kubectl deployer is configured with. */
export interface KubectlDeployerOptions {
  readonly config: KubectlDeploy;
  readonly applier: () => KubectlApplier;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `--force`: recreate objects that cannot be updated in place. */
  readonly force: boolean;
  /** `--wait-for-deletions-max`, milliseconds. */
  readonly waitForDeletionsMaxMs: number;
  /** Fetches `remoteManifests` entries (`deployment/web`, `ns:deployment/web`) from the cluster; undefined: unsupported. */
  readonly fetchRemote?: (entry: string, signal: AbortSignal) => Promise<readonly KubeManifest[]>;
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

  async function remote(signal: AbortSignal): Promise<KubeManifest[]> {
    const entries = options.config.remoteManifests ?? [];
    if (entries.length === 0) return [];
    if (options.fetchRemote === undefined) {
      throw configError(
        "KUBECTL_REMOTE_MANIFESTS_UNSUPPORTED",
        `deploy.kubectl.remoteManifests (${entries.join(", ")}) cannot be fetched in this Trestle build`,
        undefined,
        "Use manifests.remoteManifests, or export the object with `kubectl get -o yaml` into a file.",
      );
    }
    const out: KubeManifest[] = [];
    for (const entry of entries) out.push(...(await options.fetchRemote(entry, signal)));
    return out;
  }

  return {
    kind: "kubectl",

    async deploy(request): Promise<DeployResult> {
      const manifests = [...request.manifests, ...(await remote(request.signal))];
      if (manifests.length === 0) {
        request.output("kubectl: no manifests to apply.");
        return { resources: [], namespaces: [] };
      }
      const namespace = namespaceFor(request.namespace);
      const applied = await options.applier().apply(formatManifests(manifests), {
        ...(namespace === undefined ? {} : { namespace }),
        flags,
        force: options.force,
        signal: request.signal,
      });
      const resources = applied.map(toResource);
      request.onApplied(resources);
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
        waitMaxMs: options.waitForDeletionsMaxMs,
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
