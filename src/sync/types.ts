/**
 * File sync: the rules that map changed workspace files to paths in running containers, and the syncer that
 * copies and deletes them there. The dev loop asks a {@link SyncPlanner} first and rebuilds when it says so.
 */
import type { Artifact } from "../config/schema/index.js";
import type { BuiltImage } from "../build/types.js";

/** A manual rule, as in skaffold.yaml (`src` is a doublestar glob relative to the context). */
export interface ManualSyncRule {
  readonly src: string;
  readonly dest: string;
  readonly strip?: string;
}

/** Files of one artifact that changed, relative to its context (`/` separators). */
export interface FileChanges {
  readonly added: readonly string[];
  readonly modified: readonly string[];
  readonly deleted: readonly string[];
}

/** One local file and the absolute container paths it is copied to. */
export interface SyncCopy {
  /** Absolute path on this machine. */
  readonly local: string;
  readonly dests: readonly string[];
}

/** The outcome of matching changed files against an artifact's sync rules. */
export type SyncDecision =
  | { readonly kind: "sync"; readonly copy: readonly SyncCopy[]; readonly delete: readonly string[] }
  | { readonly kind: "rebuild"; readonly reason: string };

/** Decides, for the changed files of one artifact, whether they can be synced and where they go. */
export interface SyncPlanner {
  /** Pure apart from reading the rules it was built with; never touches the cluster. */
  plan(changes: FileChanges): SyncDecision;
}

/** What a syncer needs to find and update the containers running an artifact's image. */
export interface SyncItem {
  /** The artifact's image name (as in skaffold.yaml). */
  readonly image: string;
  /** The image the target containers run (matched by digest or image ID, not by tag text). */
  readonly built: BuiltImage;
  readonly copy: readonly SyncCopy[];
  readonly delete: readonly string[];
}

/** A container that received a sync. */
export interface SyncTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  /** How the files went in: the injected helper, or the image's own `tar`/`rm`. */
  readonly via: "helper" | "tar";
}

/** What one sync did. */
export interface SyncResult {
  readonly files: number;
  readonly deleted: number;
  readonly targets: readonly SyncTarget[];
}

/** Copies and deletes files in every running container of this run that runs the item's image. */
export interface Syncer {
  /** Rejects with a TrestleError (code SYNC_*) when no container could be updated; the loop then rebuilds. */
  sync(item: SyncItem, signal: AbortSignal): Promise<SyncResult>;
}

/** The inputs an auto-sync rule provider reads: the artifact and the built image's labels. */
export interface AutoSyncInput {
  readonly artifact: Artifact;
  readonly workspace: string;
  /** Labels of the built image's config (e.g. `io.buildpacks.build.metadata`). */
  readonly labels: Readonly<Record<string, string>>;
  /** The built image (tag, or tag@digest when pushed), for providers that read more of it than its labels. */
  readonly reference?: string;
}

/**
 * Supplies sync rules for `sync.auto` from what the builder recorded in the image (buildpacks `devmode.sync`);
 * returns (or resolves to) undefined when the image carries none, so the loop rebuilds.
 */
export type AutoSyncRuleProvider = (
  input: AutoSyncInput,
) => readonly ManualSyncRule[] | undefined | Promise<readonly ManualSyncRule[] | undefined>;
