/**
 * Native recursive file events through @parcel/watcher (inotify on Linux, FSEvents on macOS). Ignored
 * directories are handed to the watcher, so no watches are placed in them and their events never reach us.
 */
import watcher from "@parcel/watcher";
import { userError } from "../errors/errors.js";
import { ChangeBatch, Debouncer } from "./batch.js";
import type { FileChange, FileMonitor, IgnoreRules } from "./types.js";

export interface NotifyOptions {
  readonly roots: readonly string[];
  readonly ignore: IgnoreRules;
  readonly debounceMs: number;
}

/** Whether an error from the native watcher means the OS ran out of watches or descriptors. */
export function isWatchLimitError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String((error as { code?: unknown }).code)}` : "";
  return /ENOSPC|EMFILE|No space left|Too many open files|max_user_watches|inotify/i.test(text);
}

/** The message and fix for exhausted inotify watches. */
export function watchLimitError(cause: unknown): Error {
  return userError(
    "WATCH_LIMIT",
    `the system ran out of file watches (${cause instanceof Error ? cause.message : String(cause)})`,
    "Raise the limit: `sudo sysctl fs.inotify.max_user_watches=524288` (persist it in /etc/sysctl.d/), or add the bulk of the tree to .trestleignore. Falling back to polling.",
  );
}

/** A FileMonitor over native events. `start` rejects with a WATCH_LIMIT error when watches are exhausted. */
export function notifyMonitor(options: NotifyOptions): FileMonitor & { flush(): void } {
  const subscriptions: watcher.AsyncSubscription[] = [];
  const batch = new ChangeBatch();
  let deliver: (changes: readonly FileChange[]) => void = () => undefined;
  const flush = (): void => {
    if (batch.size > 0) deliver(batch.take());
  };
  const debouncer = new Debouncer(options.debounceMs, Math.max(options.debounceMs * 10, 500), flush);
  return {
    flush,
    async start(onChanges) {
      deliver = onChanges;
      try {
        for (const root of options.roots) {
          subscriptions.push(
            await watcher.subscribe(
              root,
              (error, events) => {
                if (error) return; // transient backend errors: the next event still arrives
                let any = false;
                for (const event of events) {
                  if (options.ignore.ignores(event.path)) continue;
                  batch.add({ path: event.path, kind: event.type });
                  any = true;
                }
                if (any) debouncer.poke();
              },
              { ignore: [...options.ignore.ignoredDirs] },
            ),
          );
        }
      } catch (error) {
        await Promise.allSettled(subscriptions.map((s) => s.unsubscribe()));
        subscriptions.length = 0;
        throw isWatchLimitError(error) ? watchLimitError(error) : error;
      }
    },
    async stop() {
      debouncer.cancel();
      await Promise.allSettled(subscriptions.map((s) => s.unsubscribe()));
      subscriptions.length = 0;
    },
  };
}
