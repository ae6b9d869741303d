import type { GroupKind, Manifest } from "./types.js";

/** The group and kind of a manifest from its `apiVersion` (`apps/v1` → `apps`, `v1` → core) and `kind`. */
export function groupKindOf(manifest: Manifest): GroupKind | undefined {
  const apiVersion = manifest["apiVersion"];
  const kind = manifest["kind"];
  if (typeof apiVersion !== "string" || typeof kind !== "string") return undefined;
  const slash = apiVersion.indexOf("/");
  return { group: slash === -1 ? "" : apiVersion.slice(0, slash), kind };
}

/** Parses Skaffold's `Kind.group` form (`Deployment.apps`, `Pod`, `Service.serving.knative.dev`). */
export function parseGroupKind(text: string): GroupKind {
  const dot = text.indexOf(".");
  return dot === -1 ? { group: "", kind: text } : { group: text.slice(dot + 1), kind: text.slice(0, dot) };
}

/** A map key for a group and kind, `Kind.group` (or `Kind` in the core group). */
export function groupKindKey(gk: GroupKind): string {
  return gk.group === "" ? gk.kind : `${gk.kind}.${gk.group}`;
}
