/**
 * Picks the file monitor for `--trigger`: native events (falling back to polling, with the fix printed, when
 * the OS runs out of watches), polling, or manual (native events held until Enter is pressed).
 */
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { TrestleError } from "../errors/errors.js";
import { ChangeBatch } from "./batch.js";
import { notifyMonitor } from "./notify.js";
import { pollingMonitor } from "./polling.js";
import type { FileChange, FileMonitor, IgnoreRules, TriggerKind } from "./types.js";

export interface MonitorOptions {
  readonly trigger: TriggerKind;
  readonly roots: readonly string[];
  readonly ignore: IgnoreRules;
  readonly debounceMs: number;
  readonly pollIntervalMs: number;
  /** Where Enter is read from for `--trigger=manual`. */
  readonly input: Readable;
  readonly warn: (message: string) => void;
}

/** Native events held in a batch until a line arrives on `input`. */
function manualMonitor(options: MonitorOptions): FileMonitor {
  const inner = notifyMonitor({ ...options, debounceMs: options.debounceMs });
  const held = new ChangeBatch();
  let lines: ReturnType<typeof createInterface> | undefined;
  return {
    async start(onChanges) {
      await inner.start((changes) => {
        for (const change of changes) held.add(change);
      });
      lines = createInterface({ input: options.input });
      lines.on("line", () => {
        inner.flush();
        const changes = held.take();
        if (changes.length > 0) onChanges(changes);
      });
    },
    async stop() {
      lines?.close();
      await inner.stop();
    },
  };
}

/** A monitor that falls back from native events to polling when watches run out. */
function notifyWithFallback(options: MonitorOptions): FileMonitor {
  let active: FileMonitor = notifyMonitor(options);
  return {
    async start(onChanges: (changes: readonly FileChange[]) => void) {
      try {
        await active.start(onChanges);
      } catch (error) {
        if ((error as TrestleError).code !== "WATCH_LIMIT") throw error;
        const e = error as TrestleError;
        options.warn(`${e.message}. ${e.hint ?? ""}`);
        active = pollingMonitor({ ...options, intervalMs: options.pollIntervalMs });
        await active.start(onChanges);
      }
    },
    stop: () => active.stop(),
  };
}

/** The monitor for a trigger kind. */
export function createFileMonitor(options: MonitorOptions): FileMonitor {
  switch (options.trigger) {
    case "notify":
      return notifyWithFallback(options);
    case "polling":
      return pollingMonitor({ ...options, intervalMs: options.pollIntervalMs });
    case "manual":
      return manualMonitor(options);
  }
}
