/** The artifact dependency graph (`requires`), restricted to the artifacts at hand. */
import type { Artifact } from "../config/schema/index.js";
import { TrestleError } from "../errors/errors.js";

/** An artifact with the absolute path of its context directory. */
export interface ArtifactWorkspace {
  readonly artifact: Artifact;
  readonly workspace: string;
}

/** One `requires` entry with its alias resolved (the alias defaults to the image name). */
export interface Requirement {
  readonly image: string;
  readonly alias: string;
}

/** An artifact's `requires`, with aliases resolved. */
export function requirementsOf(artifact: Artifact): Requirement[] {
  return (artifact.requires ?? []).map((r) => ({ image: r.image, alias: r.alias ?? r.image }));
}

/**
 * Orders `items` so that every artifact comes after those it requires, keeping the given order otherwise.
 * Requirements on artifacts not in `items` are ignored (they were built before or are not being built).
 * Throws an internal error on a cycle (config validation rejects cycles first).
 */
export function topologicalOrder<T extends { readonly artifact: Artifact }>(items: readonly T[]): T[] {
  const byImage = new Map(items.map((item) => [item.artifact.image, item]));
  const state = new Map<string, "visiting" | "done">();
  const out: T[] = [];
  const visit = (item: T, trail: readonly string[]): void => {
    const image = item.artifact.image;
    if (state.get(image) === "done") return;
    if (state.get(image) === "visiting") {
      throw new TrestleError(`cycle in artifact dependencies: ${[...trail, image].join(" → ")}`, {
        kind: "internal",
        code: "BUILD_DEPENDENCY_CYCLE",
      });
    }
    state.set(image, "visiting");
    for (const req of requirementsOf(item.artifact)) {
      const dep = byImage.get(req.image);
      if (dep !== undefined) visit(dep, [...trail, image]);
    }
    state.set(image, "done");
    out.push(item);
  };
  for (const item of items) visit(item, []);
  return out;
}

/** Images that require `image`, directly or through others, among `items`. */
export function dependentsOf(image: string, items: readonly { readonly artifact: Artifact }[]): Set<string> {
  const found = new Set<string>();
  let frontier = [image];
  while (frontier.length > 0) {
    const current = new Set(frontier);
    frontier = [];
    for (const { artifact } of items) {
      if (found.has(artifact.image)) continue;
      if (requirementsOf(artifact).some((r) => current.has(r.image))) {
        found.add(artifact.image);
        frontier.push(artifact.image);
      }
    }
  }
  return found;
}
