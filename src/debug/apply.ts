// The entry point: rewrite parsed Kubernetes manifests for `trestle debug`.

import type { JsonObject } from "./json.js";
import { isObject } from "./json.js";
import type { PodTransformContext } from "./pod-spec.js";
import { transformPodSpec } from "./pod-spec.js";
import type { DebugWarning, ImageConfiguration } from "./types.js";
import { forceSingleReplica, identify, workloadKind } from "./workloads.js";

/** Skaffold's default registry of the debug support images (global config `debug-helpers-registry`). */
export const DEFAULT_HELPERS_REGISTRY = "gcr.io/k8s-skaffold/skaffold-debug-support";

/** Settings of a debug transform run; every field has a default. */
export interface DebugTransformOptions {
  /** Registry of the support images `<registry>/{go,nodejs,python,netcore}`. */
  readonly helpersRegistry?: string;
  /** Preferred debug protocols, most preferred first (`--protocols`; only Python has a choice). */
  readonly protocols?: readonly string[];
}

/** The rewritten manifests (unchanged documents are the very same objects) and what to tell the user. */
export interface DebugTransformResult {
  readonly manifests: readonly unknown[];
  readonly warnings: readonly DebugWarning[];
}

/**
 * The image configuration for a container image: an entry whose key (the built reference) or whose
 * `artifact` (the skaffold.yaml image name) equals the image, first match in map order.
 */
export function resolveImage(
  images: ReadonlyMap<string, ImageConfiguration>,
  image: string,
): ImageConfiguration | undefined {
  for (const [reference, config] of images) {
    if (reference === image || config.artifact === image) return config;
  }
  return undefined;
}

function transformObject(
  object: JsonObject,
  context: PodTransformContext,
  warnings: DebugWarning[],
): JsonObject | undefined {
  const identity = identify(object);
  const kind = workloadKind(object);
  if (kind === undefined) {
    if (identity.group === "apps" || identity.group === "batch") {
      const message =
        identity.version === "v1"
          ? "no debug transformation for this kind"
          : `deprecated version ${identity.version} is not supported by debug`;
      warnings.push({ resource: identity.description, message });
    }
    return undefined;
  }
  const copy = structuredClone(object);
  let changed = false;
  for (const template of kind.podTemplates(copy)) {
    const result = transformPodSpec(template.metadata, template.spec, context);
    changed ||= result.changed;
    for (const warning of result.warnings) warnings.push({ resource: identity.description, ...warning });
  }
  if (!changed) return undefined;
  if (kind.singleReplica) forceSingleReplica(copy);
  return copy;
}

/**
 * Configures every container that runs one of `images` (keyed by built reference) for remote debugging,
 * across Pods, PodLists, ReplicationControllers, apps/v1 Deployments, ReplicaSets, StatefulSets and
 * DaemonSets, and batch/v1 Jobs. Pure: the input manifests are never modified.
 */
export function applyDebugTransforms(
  manifests: readonly unknown[],
  images: ReadonlyMap<string, ImageConfiguration>,
  options: DebugTransformOptions = {},
): DebugTransformResult {
  const warnings: DebugWarning[] = [];
  const context: PodTransformContext = {
    resolveImage: (image) => resolveImage(images, image),
    helpersRegistry: options.helpersRegistry ?? DEFAULT_HELPERS_REGISTRY,
    protocols: options.protocols ?? [],
  };
  const result = manifests.map((manifest) =>
    isObject(manifest) ? (transformObject(manifest, context, warnings) ?? manifest) : manifest,
  );
  return { manifests: result, warnings };
}
