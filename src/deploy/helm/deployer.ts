/**
 * `deploy.helm`: `helm upgrade --install` per release, in `dependsOn` order, with the run's labels and image
 * replacement applied by a post-renderer. A release whose input digest (see digest.ts) equals the one stored
 * in its deployed revision's description is not upgraded again ("release X unchanged, skipped").
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAllDocuments, stringify } from "yaml";
import type { BuildOutputEntry } from "../../build/types.js";
import type { LegacyHelmDeploy } from "../../config/schema/deploy.js";
import { externalError, userError } from "../../errors/errors.js";
import type { Exec } from "../../proc/exec.js";
import type { CleanupRequest, DeployedResource, Deployer, DeployRequest, DeployResult } from "../types.js";
import {
  depBuildArgs,
  manifestArgs,
  statusArgs,
  uninstallArgs,
  upgradeArgs,
  type HelmKube,
  type PostRenderer,
} from "./args.js";
import { chartFiles, DESCRIPTION_PREFIX, releaseDigest } from "./digest.js";
import { deployOrder, resolveRelease, type ResolvedRelease } from "./release.js";
import { scheduleReleases } from "./schedule.js";

const RUN_ID_LABEL = "skaffold.dev/run-id";

/** What the Helm deployer is configured with and the doors it uses. */
export interface HelmDeployerOptions {
  readonly config: LegacyHelmDeploy;
  /** Directory of the skaffold.yaml the releases come from. */
  readonly dir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly exec: Exec;
  readonly kube: HelmKube;
  /** `helm` binary (default `helm` on PATH). */
  readonly helm?: string;
  /** Builds the post-renderer for one deploy (it needs the builds and labels); undefined: none. */
  readonly postRenderer?: (
    builds: readonly BuildOutputEntry[],
    labels: Readonly<Record<string, string>>,
    dir: string,
  ) => Promise<PostRenderer>;
}

/** What `helm status -o json` says about a release. */
interface HelmStatus {
  readonly version: number;
  readonly status: string;
  readonly description: string;
  readonly namespace: string;
}

/** Parses `helm status -o json`. */
export function parseStatus(json: string): HelmStatus | undefined {
  try {
    const raw = JSON.parse(json) as {
      version?: number;
      namespace?: string;
      info?: { status?: string; description?: string };
    };
    return {
      version: raw.version ?? 0,
      status: raw.info?.status ?? "",
      description: raw.info?.description ?? "",
      namespace: raw.namespace ?? "",
    };
  } catch {
    return undefined;
  }
}

/** The objects of a `helm get manifest` output. */
export function manifestResources(yaml: string, namespace: string): DeployedResource[] {
  const out: DeployedResource[] = [];
  for (const doc of parseAllDocuments(yaml)) {
    const object = doc.toJS() as Record<string, unknown> | null;
    if (object === null || typeof object !== "object") continue;
    const metadata = (object["metadata"] ?? {}) as Record<string, unknown>;
    const apiVersion = object["apiVersion"];
    const kind = object["kind"];
    const name = metadata["name"];
    if (typeof apiVersion !== "string" || typeof kind !== "string" || typeof name !== "string") continue;
    const ns = typeof metadata["namespace"] === "string" ? metadata["namespace"] : namespace;
    out.push({
      deployer: "helm",
      apiVersion,
      kind,
      name,
      ...(CLUSTER_SCOPED.has(kind) ? {} : { namespace: ns }),
    });
  }
  return out;
}

const CLUSTER_SCOPED = new Set([
  "Namespace",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "PersistentVolume",
  "StorageClass",
  "PriorityClass",
  "IngressClass",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "APIService",
]);

async function hasDependencies(chart: string): Promise<boolean> {
  try {
    return /^dependencies:/m.test(await readFile(join(chart, "Chart.yaml"), "utf8"));
  } catch {
    return false;
  }
}

/** Installs, upgrades (only when the input changed) and uninstalls `deploy.helm.releases`. */
export function helmDeployer(options: HelmDeployerOptions): Deployer {
  const helm = options.helm ?? "helm";
  const flags = options.config.flags ?? {};

  async function run(
    args: readonly string[],
    signal?: AbortSignal,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    return options.exec.run(helm, args, { env: options.env, ...(signal === undefined ? {} : { signal }) });
  }

  function resolved(builds: readonly BuildOutputEntry[], namespace: string | undefined): ResolvedRelease[] {
    return deployOrder(
      (options.config.releases ?? []).map((r) =>
        resolveRelease(r, { dir: options.dir, builds, env: options.env, namespace }),
      ),
    );
  }

  async function deployed(release: ResolvedRelease, signal: AbortSignal): Promise<HelmStatus | undefined> {
    const result = await run(statusArgs(release, flags, options.kube), signal);
    return result.code === 0 ? parseStatus(result.stdout) : undefined;
  }

  async function objects(
    release: ResolvedRelease,
    namespace: string,
    signal: AbortSignal,
  ): Promise<DeployedResource[]> {
    const result = await run(manifestArgs(release, flags, options.kube), signal);
    if (result.code !== 0) return [];
    return manifestResources(result.stdout, namespace);
  }

  async function upgrade(
    release: ResolvedRelease,
    request: DeployRequest,
    installing: boolean,
    digest: string,
    work: string,
    postRenderer: () => Promise<PostRenderer | undefined>,
  ): Promise<void> {
    if (!release.remote && !release.skipBuildDependencies && (await hasDependencies(release.chart))) {
      const dep = await run(depBuildArgs(release, flags), request.signal);
      if (dep.code !== 0) {
        throw externalError(
          "HELM_DEP_BUILD_FAILED",
          `helm dep build ${release.chart} failed: ${dep.stderr.trim()}`,
          "Check the chart's dependencies (Chart.yaml), or set skipBuildDependencies: true.",
        );
      }
    }
    let overridesFile: string | undefined;
    if (release.overrides !== undefined) {
      overridesFile = join(work, `${release.name}-overrides.yaml`);
      await writeFile(overridesFile, stringify(release.overrides));
    }
    const args = upgradeArgs(release, {
      flags,
      kube: options.kube,
      overridesFile,
      postRenderer: await postRenderer(),
      installing,
      description: `${DESCRIPTION_PREFIX}${digest}`,
    });
    const result = await run(args, request.signal);
    if (result.code !== 0) {
      throw externalError(
        "HELM_UPGRADE_FAILED",
        `helm upgrade --install ${release.name} failed: ${result.stderr.trim() || result.stdout.trim()}`,
        "Run the same with `helm template` to see what the chart renders; check the values and the cluster.",
      );
    }
  }

  return {
    kind: "helm",

    async deploy(request): Promise<DeployResult> {
      const releases = resolved(request.builds, request.namespace);
      const withoutRunId = Object.fromEntries(
        Object.entries(request.labels).filter(([key]) => key !== RUN_ID_LABEL),
      );
      const work = await mkdtemp(join(tmpdir(), "trestle-helm-"));
      // One post-renderer per deploy, shared by releases installed in parallel.
      let renderer: Promise<PostRenderer | undefined> | undefined;
      const postRenderer = (): Promise<PostRenderer | undefined> =>
        (renderer ??=
          options.postRenderer?.(request.builds, request.labels, work) ?? Promise.resolve(undefined));

      const deployOne = async (
        release: ResolvedRelease,
      ): Promise<{ placed: DeployedResource[]; namespace: string }> => {
        if (!release.remote && !existsSync(release.chart)) {
          throw userError(
            "HELM_CHART_MISSING",
            `deploy.helm release ${release.name}: chart ${release.chart} does not exist`,
            "Fix chartPath (relative to the skaffold.yaml), or use remoteChart for a published chart.",
          );
        }
        const digest = await releaseDigest(release, request.builds, withoutRunId);
        const current = await deployed(release, request.signal);
        const unchanged =
          current?.status === "deployed" && current.description === `${DESCRIPTION_PREFIX}${digest}`;
        const frozen = current !== undefined && !release.upgradeOnChange;
        if (unchanged || frozen) {
          request.output(
            unchanged
              ? `Release ${release.name} unchanged (revision ${String(current.version)}), skipped.`
              : `Release ${release.name} exists and upgradeOnChange is false, skipped.`,
          );
        } else {
          request.output(
            `${current === undefined ? "Installing" : "Upgrading"} release ${release.name} (${release.chart})`,
          );
          await upgrade(release, request, current === undefined, digest, work, postRenderer);
        }
        const after =
          current !== undefined && (unchanged || frozen) ? current : await deployed(release, request.signal);
        const namespace = release.namespace ?? after?.namespace ?? "default";
        const placed = await objects(release, namespace, request.signal);
        if (!(unchanged || frozen))
          request.output(`Release ${release.name} deployed (revision ${String(after?.version ?? "?")}).`);
        request.onApplied(placed);
        return { placed, namespace };
      };

      try {
        const done = await scheduleReleases(releases, options.config.concurrency ?? 1, deployOne);
        return {
          resources: done.flatMap((d) => d.placed),
          namespaces: [...new Set(done.map((d) => d.namespace))],
        };
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },

    async cleanup(request: CleanupRequest): Promise<void> {
      const releases = resolved([], request.namespace).reverse();
      for (const release of releases) {
        if (request.dryRun) {
          request.output(`Would uninstall release ${release.name}`);
          continue;
        }
        request.output(`Uninstalling release ${release.name} and waiting for its objects to go`);
        const result = await run(uninstallArgs(release, flags, options.kube), request.signal);
        if (result.code !== 0) {
          throw externalError(
            "HELM_UNINSTALL_FAILED",
            `helm uninstall ${release.name} failed: ${result.stderr.trim()}`,
            "Check the release with `helm list -A`.",
          );
        }
      }
    },

    async dependencies(): Promise<readonly string[]> {
      const out: string[] = [];
      for (const release of resolved([], undefined)) {
        out.push(...release.valuesFiles, ...release.setFiles);
        if (!release.remote)
          out.push(...(await chartFiles(release.chart)).map((f) => join(release.chart, f)));
      }
      return out;
    },
  };
}
