import type { BuildOutputEntry } from "../build/types.js";
import type { ManifestList, ManifestTransform } from "../manifest/types.js";

/** A built (or pre-built) image as build.json lists it: the skaffold.yaml image name and the full reference. */
export type RenderImage = BuildOutputEntry;

/** What one rendering is for: the run's labels, the namespace, and hooks that rewrite the result. */
export interface RenderOptions {
  /**
   * The `skaffold.dev/run-id` label value of a deploying run: with it, `app.kubernetes.io/managed-by: skaffold`
   * and `skaffold.dev/run-id` are added. Left out by `trestle render`, as `skaffold render` adds no run labels.
   */
  readonly runId?: string | undefined;
  /** `-n/--namespace`: set on namespaced objects that have none (overrides `deploy.kubectl.defaultNamespace`). */
  readonly namespace?: string | undefined;
  /** `-l/--label key=value` labels, added to every object and pod template after the run's own labels. */
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /** `--offline`: contact no cluster and inject no namespace (kustomize/helm still run locally). */
  readonly offline?: boolean | undefined;
  /** Applied to the result, after image replacement, labels, namespaces and post-render hooks (debug). */
  readonly transformManifests?: ManifestTransform | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Produces the hydrated manifests of a project: generates them (rawYaml, kustomize, helm, kpt), replaces
 * the images of `images` (matched by image name), adds the run's labels and namespace, then applies
 * `options.transformManifests`. Fails with a TrestleError naming the source when a generator fails.
 */
export interface Renderer {
  render(images: readonly RenderImage[], options: RenderOptions): Promise<ManifestList>;
  /** Absolute paths of the local files the rendered manifests come from (for the dev loop's redeploys). */
  dependencies(): Promise<readonly string[]>;
}
