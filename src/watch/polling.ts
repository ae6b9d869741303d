/**
 * `--trigger=polling`: every interval, walk the watched trees (ignored directories are not entered) and compare
 * each file's size and mtime with the previous walk. Meant for file systems without native events (network
 * mounts, some VMs) and as the fallback when the OS runs out of watches.
 */
import type { Dirent } from "node:fs";
import { lstat, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { FileChange, FileMonitor, IgnoreRules } from "./types.js";

export interface PollingOptions {
  readonly roots: readonly string[];
  readonly ignore: IgnoreRules;
  readonly intervalMs: number;
}

type Snapshot = Map<string, string>;

async function scan(roots: readonly string[], ignore: IgnoreRules): Promise<Snapshot> {
  const skip = new Set(ignore.ignoredDirs);
  const out: Snapshot = new Map();
  const visit = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // removed while walking
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (skip.has(path) || ignore.ignores(path)) continue;
      if (entry.isDirectory()) await visit(path);
      else {
        try {
          const stats = await lstat(path);
          out.set(path, `${String(stats.size)}:${String(stats.mtimeMs)}`);
        } catch {
          // removed while walking
        }
      }
    }
  };
  for (const root of roots) await visit(root);
  return out;
}

/** Differences between two walks. */
export function diffSnapshots(before: Snapshot, after: Snapshot): FileChange[] {
  const changes: FileChange[] = [];
  for (const [path, stamp] of after) {
    const old = before.get(path);
    if (old === undefined) changes.push({ path, kind: "create" });
    else if (old !== stamp) changes.push({ path, kind: "update" });
  }
  for (const path of before.keys()) if (!after.has(path)) changes.push({ path, kind: "delete" });
  return changes;
}

/** A FileMonitor that polls. */
export function pollingMonitor(options: PollingOptions): FileMonitor {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  return {
    async start(onChanges) {
      let previous = await scan(options.roots, options.ignore);
      const tick = async (): Promise<void> => {
        const current = await scan(options.roots, options.ignore);
        if (stopped) return;
        const changes = diffSnapshots(previous, current);
        previous = current;
        if (changes.length > 0) onChanges(changes);
        timer = setTimeout(() => void tick(), options.intervalMs);
      };
      timer = setTimeout(() => void tick(), options.intervalMs);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      return Promise.resolve();
    },
  };
}
