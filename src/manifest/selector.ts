/**
 * Which fields of which kinds the render transforms may touch, with Skaffold's semantics
 * (`pkg/skaffold/kubernetes/manifest/{images,labels}.go`, `render/renderer/util/util.go`): the default lists,
 * then `resourceSelector.allow/deny` from the config, then the `--resource-selector-rules-file` rules, each
 * replacing earlier entries of the same kind (an allow removes the kind from the deny list and vice versa).
 * Paths are dotted field names without list indexes (`.spec.template.spec.containers.image`); `.*` alone
 * means every field of that sort, and a `.*` inside a path is dropped as Skaffold drops it.
 */
import type { ResourceFilter, ResourceSelectorConfig } from "../config/schema/index.js";
import { CONFIG_CONNECTOR_GROUP, DEFAULT_ALLOW, DEFAULT_DENY } from "./default-selector.js";
import { groupKindKey, parseGroupKind } from "./group-kind.js";
import type { GroupKind } from "./types.js";

const ANY = ".*";

/** One kind's transformable (or forbidden) paths, after Skaffold's path normalisation. */
interface Paths {
  readonly image: readonly string[];
  readonly labels: readonly string[];
}

/** The merged allow and deny lists that the visitors consult. */
export interface ResourceSelector {
  readonly allow: ReadonlyMap<string, Paths>;
  readonly deny: ReadonlyMap<string, Paths>;
}

function normalise(paths: readonly string[] | undefined): string[] {
  return (paths ?? []).map((p) => (p === ANY ? p : p.replaceAll(ANY, "")));
}

function pathsOf(filter: ResourceFilter): Paths {
  return { image: normalise(filter.image), labels: normalise(filter.labels) };
}

/** Builds the selector from the defaults and any number of user rule sets, later ones winning. */
export function createResourceSelector(
  ...rules: readonly (ResourceSelectorConfig | undefined)[]
): ResourceSelector {
  const allow = new Map<string, Paths>();
  const deny = new Map<string, Paths>();
  for (const filter of DEFAULT_ALLOW)
    allow.set(groupKindKey(parseGroupKind(filter.groupKind)), pathsOf(filter));
  for (const filter of DEFAULT_DENY)
    deny.set(groupKindKey(parseGroupKind(filter.groupKind)), pathsOf(filter));
  for (const rule of rules) {
    for (const filter of rule?.allow ?? []) {
      const key = groupKindKey(parseGroupKind(filter.groupKind));
      allow.set(key, pathsOf(filter));
      deny.delete(key);
    }
    for (const filter of rule?.deny ?? []) {
      const key = groupKindKey(parseGroupKind(filter.groupKind));
      deny.set(key, pathsOf(filter));
      allow.delete(key);
    }
  }
  return { allow, deny };
}

function isConfigConnector(gk: GroupKind): boolean {
  return CONFIG_CONNECTOR_GROUP.test(gk.group);
}

/** Whether the kind's fields are visited recursively (Skaffold's `shouldTransformManifest`). */
export function isTransformable(selector: ResourceSelector, gk: GroupKind): boolean {
  const key = groupKindKey(gk);
  if (selector.allow.has(key)) {
    const denied = selector.deny.get(key);
    return !(denied !== undefined && (denied.labels.includes(ANY) || denied.image.includes(ANY)));
  }
  return isConfigConnector(gk);
}

/** Whether the field `key` at `navpath` holds an image that may be replaced. */
export function imageAllowed(
  selector: ResourceSelector,
  gk: GroupKind,
  navpath: string,
  key: string,
): boolean {
  let configConnector = key === "image" && isConfigConnector(gk);
  const denied = selector.deny.get(groupKindKey(gk));
  if (denied?.image.some((p) => p === ANY || p === navpath)) return false;
  const allowed = selector.allow.get(groupKindKey(gk));
  if (allowed !== undefined) {
    configConnector = false;
    if (allowed.image.some((p) => (p === ANY && key === "image") || p === navpath)) return true;
  }
  return configConnector;
}

/**
 * The field of the mapping at `navpath` (key `key`) that receives labels, or undefined when labels may not
 * be added there: `labels` of every `metadata` for `.*`, else the last part of a matching allowed path.
 */
export function labelsField(
  selector: ResourceSelector,
  gk: GroupKind,
  navpath: string,
  key: string,
): string | undefined {
  if (isConfigConnector(gk)) return key === "metadata" ? "labels" : undefined;
  const mapKey = groupKindKey(gk);
  const denied = selector.deny.get(mapKey);
  for (const path of denied?.labels ?? []) {
    if (path === ANY) return undefined;
    const dot = path.lastIndexOf(".");
    if (dot === -1) break;
    if (navpath === path.slice(0, dot)) return undefined;
  }
  for (const path of selector.allow.get(mapKey)?.labels ?? []) {
    if (path === ANY) return key === "metadata" ? "labels" : undefined;
    const dot = path.lastIndexOf(".");
    if (dot === -1) continue;
    if (navpath === path.slice(0, dot)) return path.slice(dot + 1);
  }
  return undefined;
}

/** Whether the kind is mentioned by the deny list at all (then Trestle adds nothing beyond Skaffold). */
export function isDenied(selector: ResourceSelector, gk: GroupKind): boolean {
  return selector.deny.has(groupKindKey(gk));
}

/** Whether the kind is on the allow list. */
export function isAllowed(selector: ResourceSelector, gk: GroupKind): boolean {
  return selector.allow.has(groupKindKey(gk));
}
