/**
 * The dev loop's record of intent (habit 9): file events only fill a ChangeSet; the loop later drains it and
 * `decide` turns it into a plan — sync, rebuild (with dependents), redeploy or reload — with no I/O.
 */
import { relative, sep } from "node:path";
import type { FileChange } from "../watch/types.js";
import type { FileChanges, SyncCopy, SyncPlanner } from "../sync/types.js";

/** What the loop knows about one watched artifact. */
export interface WatchedArtifact {
  readonly image: string;
  readonly workspace: string;
  /** Whether a file (absolute) is an input of the artifact's build. */
  includes(path: string): boolean;
  /** Whether a file defines the inputs themselves (Dockerfile, .dockerignore): re-read them, then rebuild. */
  definesInputs(path: string): boolean;
  /** Undefined when the artifact has no sync rules (or is required by others): changes rebuild. */
  readonly planner: SyncPlanner | undefined;
  /** Images whose build uses this one (`requires`), transitively. */
  readonly dependents: readonly string[];
}

/** What the loop watches besides artifacts. */
export interface WatchModel {
  readonly artifacts: readonly WatchedArtifact[];
  /** Manifests, Helm charts and values files: a change redeploys. */
  isDeployInput(path: string): boolean;
  /** skaffold.yaml and the configs it requires: a change reloads everything. */
  isConfig(path: string): boolean;
}

/** Pending changes, merged per artifact until the loop acts on them. */
export class ChangeSet {
  readonly files = new Map<string, Map<string, FileChange["kind"]>>();
  readonly inputsChanged = new Set<string>();
  readonly changed = new Set<string>();
  deploy = false;
  config = false;

  /** Records a batch of changes against the model; returns whether anything in it matters. */
  record(changes: readonly FileChange[], model: WatchModel): boolean {
    let relevant = false;
    for (const change of changes) {
      if (model.isConfig(change.path)) {
        this.config = true;
        relevant = true;
        this.changed.add(change.path);
        continue;
      }
      if (model.isDeployInput(change.path)) {
        this.deploy = true;
        relevant = true;
        this.changed.add(change.path);
      }
      for (const artifact of model.artifacts) {
        if (artifact.definesInputs(change.path)) {
          this.inputsChanged.add(artifact.image);
          this.changed.add(change.path);
          relevant = true;
        } else if (artifact.includes(change.path)) {
          let files = this.files.get(artifact.image);
          if (!files) this.files.set(artifact.image, (files = new Map<string, FileChange["kind"]>()));
          const before = files.get(change.path);
          files.set(change.path, before === "create" && change.kind !== "delete" ? "create" : change.kind);
          this.changed.add(change.path);
          relevant = true;
        }
      }
    }
    return relevant;
  }

  get empty(): boolean {
    return !this.config && !this.deploy && this.inputsChanged.size === 0 && this.files.size === 0;
  }

  /** Adds another set's changes to this one (the other's file kinds win). */
  merge(other: ChangeSet): void {
    for (const [image, files] of other.files) {
      const mine = this.files.get(image) ?? new Map<string, FileChange["kind"]>();
      for (const [path, kind] of files) mine.set(path, kind);
      this.files.set(image, mine);
    }
    for (const image of other.inputsChanged) this.inputsChanged.add(image);
    for (const path of other.changed) this.changed.add(path);
    this.deploy ||= other.deploy;
    this.config ||= other.config;
  }

  /** Hands the pending changes over and starts a new set. */
  drain(): ChangeSet {
    const taken = new ChangeSet();
    for (const [k, v] of this.files) taken.files.set(k, v);
    for (const k of this.inputsChanged) taken.inputsChanged.add(k);
    for (const k of this.changed) taken.changed.add(k);
    taken.deploy = this.deploy;
    taken.config = this.config;
    this.files.clear();
    this.inputsChanged.clear();
    this.changed.clear();
    this.deploy = false;
    this.config = false;
    return taken;
  }
}

/** One artifact's files to sync. */
export interface PlannedSync {
  readonly image: string;
  readonly copy: readonly SyncCopy[];
  readonly delete: readonly string[];
  /** Changed files, relative to the workspace. */
  readonly files: readonly string[];
  /** Deleted local files (absolute), for the sync hooks. */
  readonly removed: readonly string[];
}

/** What one iteration will do. */
export interface IterationPlan {
  readonly reload: boolean;
  readonly syncs: readonly PlannedSync[];
  /** Images to rebuild, with why, in no particular order (the scheduler orders them). */
  readonly rebuilds: ReadonlyMap<string, string>;
  /** Artifacts whose Dockerfile or ignore file changed: their inputs are re-read before building. */
  readonly reread: ReadonlySet<string>;
  readonly redeploy: boolean;
}

function toRelative(workspace: string, path: string): string {
  return relative(workspace, path).split(sep).join("/");
}

/** Splits one artifact's changes by kind, relative to its workspace. */
export function fileChanges(workspace: string, files: ReadonlyMap<string, FileChange["kind"]>): FileChanges {
  const added: string[] = [];
  const modified: string[] = [];
  const deleted: string[] = [];
  for (const [path, kind] of files) {
    const rel = toRelative(workspace, path);
    (kind === "create" ? added : kind === "update" ? modified : deleted).push(rel);
  }
  return { added, modified, deleted };
}

/**
 * Decides what the pending changes mean: a config change reloads; an artifact whose every changed file matches
 * a sync rule is synced, otherwise it and its dependents are rebuilt; a deploy-input change, or any rebuild,
 * redeploys.
 */
export function decide(changes: ChangeSet, model: WatchModel): IterationPlan {
  if (changes.config) {
    return { reload: true, syncs: [], rebuilds: new Map(), reread: new Set(), redeploy: false };
  }
  const byImage = new Map(model.artifacts.map((a) => [a.image, a]));
  const rebuilds = new Map<string, string>();
  const syncs: PlannedSync[] = [];
  const rebuild = (image: string, reason: string): void => {
    if (!rebuilds.has(image)) rebuilds.set(image, reason);
    for (const dependent of byImage.get(image)?.dependents ?? [])
      if (!rebuilds.has(dependent)) rebuilds.set(dependent, `it requires ${image}`);
  };
  for (const image of changes.inputsChanged) rebuild(image, "its Dockerfile or ignore file changed");
  for (const [image, files] of changes.files) {
    const artifact = byImage.get(image);
    if (!artifact || rebuilds.has(image)) continue;
    const rels = fileChanges(artifact.workspace, files);
    const names = [...rels.added, ...rels.modified, ...rels.deleted];
    if (artifact.planner === undefined) {
      rebuild(image, `${names.join(", ")} changed (no sync rules)`);
      continue;
    }
    if (artifact.dependents.length > 0) {
      rebuild(image, `${names.join(", ")} changed and other artifacts require ${image}, so it is not synced`);
      continue;
    }
    const decision = artifact.planner.plan(rels);
    if (decision.kind === "rebuild") rebuild(image, decision.reason);
    else
      syncs.push({
        image,
        copy: decision.copy,
        delete: decision.delete,
        files: names,
        removed: [...files].filter(([, kind]) => kind === "delete").map(([path]) => path),
      });
  }
  return {
    reload: false,
    syncs: syncs.filter((s) => !rebuilds.has(s.image)),
    rebuilds,
    reread: new Set(changes.inputsChanged),
    redeploy: changes.deploy || rebuilds.size > 0,
  };
}
