/**
 * Skaffold's `BaseTransform` plus the hook: image replacement, then labels, then (when a namespace was asked
 * for and not offline) namespaces, then the caller's transform (debug). Pure: returns new documents.
 */
import type { BuildOutputEntry } from "../build/types.js";
import { replaceImages } from "../manifest/images.js";
import { setLabels } from "../manifest/labels.js";
import { setNamespace } from "../manifest/namespace.js";
import type { ResourceSelector } from "../manifest/selector.js";
import type { Manifest, ManifestTransform } from "../manifest/types.js";

/** What to do to freshly generated manifests. */
export interface HydrateOptions {
  readonly images: readonly BuildOutputEntry[];
  readonly selector: ResourceSelector;
  /** All labels to add (run labels and `--label`s); empty adds none. */
  readonly labels: Readonly<Record<string, string>>;
  /** Namespace to inject; undefined injects none. */
  readonly namespace?: string | undefined;
  readonly transform?: ManifestTransform | undefined;
}

/** The hydrated manifests and any warnings for the user. */
export interface Hydrated {
  readonly manifests: readonly Manifest[];
  readonly warnings: readonly string[];
}

/** Replaces images, adds labels, injects the namespace and applies the caller's transform, in that order. */
export function hydrate(manifests: readonly Manifest[], options: HydrateOptions): Hydrated {
  let out = replaceImages(manifests, options.images, options.selector);
  out = setLabels(out, options.labels, options.selector);
  const warnings: string[] = [];
  if (options.namespace !== undefined) {
    const result = setNamespace(out, options.namespace, options.selector);
    out = result.manifests;
    warnings.push(...result.warnings);
  }
  const final = options.transform ? options.transform(out) : out;
  return { manifests: final, warnings };
}
