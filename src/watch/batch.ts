/** Coalescing and debouncing of raw file events into the batches a FileMonitor reports. */
import type { FileChange } from "./types.js";

/** Merges events per path, in first-seen order: create+update → create, create+delete → nothing, delete+create → update. */
export class ChangeBatch {
  private readonly byPath = new Map<string, { first: FileChange["kind"]; last: FileChange["kind"] }>();

  add(change: FileChange): void {
    const seen = this.byPath.get(change.path);
    if (seen === undefined) this.byPath.set(change.path, { first: change.kind, last: change.kind });
    else seen.last = change.kind;
  }

  get size(): number {
    return this.byPath.size;
  }

  /** The merged changes, emptying the batch. */
  take(): FileChange[] {
    const out: FileChange[] = [];
    for (const [path, { first, last }] of this.byPath) {
      if (last === "delete") {
        if (first !== "create") out.push({ path, kind: "delete" });
      } else if (first === "create") out.push({ path, kind: "create" });
      else out.push({ path, kind: "update" });
    }
    this.byPath.clear();
    return out;
  }
}

/** A clock the debouncer runs on (a fake in tests). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

/**
 * Trailing-edge debounce: fires `quietMs` after the last event, but no later than `maxWaitMs` after the first
 * one of a burst (so a tool that writes for a long time cannot starve the loop).
 */
export class Debouncer {
  private timer: unknown;
  private burstStart: number | undefined;

  constructor(
    private readonly quietMs: number,
    private readonly maxWaitMs: number,
    private readonly fire: () => void,
    private readonly timers: Timers = realTimers,
    private readonly now: () => number = () => performance.now(),
  ) {}

  poke(): void {
    const now = this.now();
    this.burstStart ??= now;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.quietMs, this.burstStart + this.maxWaitMs - now));
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.burstStart = undefined;
      this.fire();
    }, wait);
  }

  cancel(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.burstStart = undefined;
  }
}
