/**
 * Skaffold's field traversal (`ManifestList.Visit`): every field of a manifest is offered to a visitor with
 * its dotted path (list indexes left out). For kinds the selector allows, the traversal descends into every
 * field the visitor does not claim; for other kinds only the top-level fields are offered.
 */
import { groupKindOf } from "./group-kind.js";
import { isTransformable, type ResourceSelector } from "./selector.js";
import type { GroupKind, Manifest } from "./types.js";

type Mutable = Record<string, unknown>;

/**
 * Called for each field; may rewrite `parent[key]`. Returns true to let the traversal descend into the value,
 * false when it handled (or must not enter) the field.
 */
export type FieldVisitor = (
  gk: GroupKind,
  navpath: string,
  parent: Mutable,
  key: string,
  value: unknown,
) => boolean;

function isMapping(value: unknown): value is Mutable {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function visitFields(
  gk: GroupKind,
  navpath: string,
  value: unknown,
  visitor: FieldVisitor,
  recurse: boolean,
): void {
  if (Array.isArray(value)) {
    for (const item of value) visitFields(gk, navpath, item, visitor, recurse);
  } else if (isMapping(value)) {
    for (const [key, child] of Object.entries(value)) {
      const path = `${navpath}.${key}`;
      if (visitor(gk, path, value, key, child) && recurse) visitFields(gk, path, child, visitor, recurse);
    }
  }
}

/** Applies `visitor` to a copy of each manifest and returns the copies; the input is not modified. */
export function visitManifests(
  manifests: readonly Manifest[],
  selector: ResourceSelector,
  visitor: FieldVisitor,
): Manifest[] {
  return manifests.map((manifest) => {
    const copy = structuredClone(manifest) as Mutable;
    const gk = groupKindOf(copy) ?? { group: "", kind: "" };
    const recurse = groupKindOf(copy) !== undefined && isTransformable(selector, gk);
    visitFields(gk, "", copy, visitor, recurse);
    return copy;
  });
}

export { isMapping };
