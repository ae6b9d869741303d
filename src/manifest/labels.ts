/**
 * Labels on rendered manifests (Skaffold's `SetLabels`): for kinds on the allow list, every `metadata` mapping
 * (the object's and its pod templates') gets the labels, except where the deny list forbids it (a Job's pod
 * template, a StatefulSet's volume claim templates). Existing labels are kept, except `skaffold.dev/run-id`,
 * which is always this run's. Unlike Skaffold, Trestle also labels the top-level metadata of objects of other
 * kinds (ConfigMaps, Secrets, Ingresses, custom resources…) unless the deny list names their kind, so that
 * everything a run deployed can be found by its labels.
 */
import { isAllowed, isDenied, isTransformable, labelsField, type ResourceSelector } from "./selector.js";
import type { GroupKind, Manifest } from "./types.js";
import { isMapping, visitManifests } from "./visit.js";

export const RUN_ID_LABEL = "skaffold.dev/run-id";
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
/** The value Skaffold writes (and Trestle keeps, for compatibility with tools that select on it). */
export const MANAGED_BY_VALUE = "skaffold";

/** The labels of a deploying run: managed-by and run-id first, then the user's `--label` values. */
export function runLabels(
  runId: string | undefined,
  user: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const labels: Record<string, string> = {};
  if (runId !== undefined) {
    labels[MANAGED_BY_LABEL] = MANAGED_BY_VALUE;
    labels[RUN_ID_LABEL] = runId;
  }
  return Object.assign(labels, user);
}

/** Parses `--label k=v` values as Skaffold does: a value-less `k` means `k=""`; later values win. */
export function parseLabelFlags(values: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf("=");
    if (eq === -1) labels[value] = "";
    else labels[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return labels;
}

function addTo(
  metadata: Record<string, unknown>,
  field: string,
  labels: Readonly<Record<string, string>>,
): boolean {
  const existing = metadata[field];
  if (existing === undefined) {
    metadata[field] = { ...labels };
    return true;
  }
  if (!isMapping(existing)) return false;
  for (const [key, value] of Object.entries(labels)) {
    if (!(key in existing) || key === RUN_ID_LABEL) existing[key] = value;
  }
  return true;
}

function labelsTopLevelOnly(selector: ResourceSelector, gk: GroupKind): boolean {
  if (gk.kind === "" || gk.kind.endsWith("List")) return false;
  return !isAllowed(selector, gk) && !isDenied(selector, gk) && !isTransformable(selector, gk);
}

/** Adds `labels` to copies of `manifests` (nothing changes when `labels` is empty). */
export function setLabels(
  manifests: readonly Manifest[],
  labels: Readonly<Record<string, string>>,
  selector: ResourceSelector,
): Manifest[] {
  if (Object.keys(labels).length === 0) return [...manifests];
  return visitManifests(manifests, selector, (gk, navpath, _parent, key, value) => {
    const field = labelsField(selector, gk, navpath, key);
    if (field === undefined) {
      if (navpath === ".metadata" && isMapping(value) && labelsTopLevelOnly(selector, gk)) {
        addTo(value, "labels", labels);
        return false;
      }
      return true;
    }
    if (!isMapping(value)) return true;
    return !addTo(value, field, labels);
  });
}
