/**
 * The deploy seam: a `Deployer` takes rendered manifests and built images to a target (a cluster with
 * kubectl, Helm releases, containers on the local Docker engine) and can remove what it placed there.
 * The one-shot pipeline (`runner/run-pipeline.ts`) and the dev loop drive deployers through this type only.
 */
import type { BuildOutputEntry } from "../build/types.js";

/** A Kubernetes object as parsed from YAML: `apiVersion`, `kind`, `metadata`, … */
export type KubeManifest = Readonly<Record<string, unknown>>;

/** Which configured deployer an object came from (`deploy.<kind>` in skaffold.yaml). */
export type DeployerKind = "kubectl" | "helm" | "docker" | "kpt";

/** One object a deployer created or updated: enough to check its status and to delete it. */
export interface DeployedResource {
  readonly deployer: DeployerKind;
  /** `apps/v1`…; `docker` objects use `docker/v1` with kind `Container` or `Network`. */
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Undefined for cluster-scoped objects and for Docker objects. */
  readonly namespace?: string;
}

/** The labels every deployed object carries: managed-by, the run id, and the user's `--label`s. */
export interface RunLabels {
  readonly runId: string;
  /** `app.kubernetes.io/managed-by`, `skaffold.dev/run-id` and `--label key=value` pairs, in that order. */
  readonly labels: Readonly<Record<string, string>>;
}

/** What one deploy works with. */
export interface DeployRequest extends RunLabels {
  /** The images to deploy (from the build, `--build-artifacts` or `--images`). */
  readonly builds: readonly BuildOutputEntry[];
  /**
   * The rendered, labelled manifests of the module this deployer belongs to (kubectl, kpt). Helm and
   * Docker deployers render their own objects and ignore this.
   */
  readonly manifests: readonly KubeManifest[];
  /** `-n`: overrides every other namespace choice. */
  readonly namespace?: string;
  /** The dev loop's iteration (0 first); container pre-deploy hooks only have targets from iteration 1 on. */
  readonly iteration: number;
  /** Progress lines for the user ("release web unchanged, skipped", "Waiting for deletion of …"). */
  readonly output: (line: string) => void;
  /**
   * Called as soon as objects reach the target, before `deploy` resolves, so that an interrupted deploy can
   * still report exactly what was applied and what was not.
   */
  readonly onApplied: (resources: readonly DeployedResource[]) => void;
  readonly signal: AbortSignal;
}

/** What a deploy placed, and the namespaces it touched (for status checks, log tailing, port forwarding). */
export interface DeployResult {
  readonly resources: readonly DeployedResource[];
  readonly namespaces: readonly string[];
}

/** What a cleanup removes: the manifests of the last render (or a fresh re-render for `trestle delete`). */
export interface CleanupRequest {
  readonly manifests: readonly KubeManifest[];
  readonly namespace?: string;
  /** Print what would be deleted without deleting it (`delete --dry-run`). */
  readonly dryRun: boolean;
  readonly output: (line: string) => void;
  readonly signal: AbortSignal;
}

/** Takes rendered manifests and built images to a target, and removes them again; one per configured deployer. */
export interface Deployer {
  readonly kind: DeployerKind;
  /** Applies (installs, runs) everything this deployer is configured with; failures are TrestleErrors. */
  deploy(request: DeployRequest): Promise<DeployResult>;
  /** Removes what this deployer placed (or would place), waiting for deletions with a progress message. */
  cleanup(request: CleanupRequest): Promise<void>;
  /** Files whose change means a redeploy in the dev loop (charts, values files, …), absolute paths. */
  dependencies(): Promise<readonly string[]>;
}
