/** File watching for the dev loop: a monitor reports batches of changed files, already filtered and debounced. */

/** One changed path (absolute). A path created and then deleted within one batch is not reported. */
export interface FileChange {
  readonly path: string;
  readonly kind: "create" | "update" | "delete";
}

/** Reports changed files in batches until stopped; ignored paths never reach the callback. */
export interface FileMonitor {
  /** Starts watching; resolves once the watch is in place (events before that are not reported). */
  start(onChanges: (changes: readonly FileChange[]) => void): Promise<void>;
  stop(): Promise<void>;
}

/** How changes are noticed: native events, polling the tree, or native events released by a key press. */
export type TriggerKind = "notify" | "polling" | "manual";

/** Decides, before any other work, whether a path is watched at all. */
export interface IgnoreRules {
  /** Directories (absolute) never entered: no watches are placed in them and no events come from them. */
  readonly ignoredDirs: readonly string[];
  /** Whether a single path's events are dropped (editor temp files, VCS internals, ignore-file patterns). */
  ignores(path: string): boolean;
}
