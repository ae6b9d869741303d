/**
 * `--wait-for-deletions` (Skaffold's flag, default on): before applying, objects of the same name that are
 * still terminating (a `deletionTimestamp` is set, e.g. held by a finalizer or by foreground deletion of their
 * pods) are waited for, with a progress line, every `--wait-for-deletions-delay`, up to
 * `--wait-for-deletions-max`; then the deploy fails saying which objects are stuck. Applying over a
 * terminating object would otherwise be lost when the deletion completes.
 */
import { setTimeout as delay } from "node:timers/promises";
import { userError } from "../../errors/errors.js";

/** An object found terminating. */
export interface TerminatingObject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** How long and how often to wait. */
export interface PendingDeletionsOptions {
  readonly maxMs: number;
  readonly delayMs: number;
  readonly output: (line: string) => void;
  readonly signal: AbortSignal;
  /** Test seams: the clock and the pause between checks. */
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

function names(objects: readonly TerminatingObject[]): string {
  const shown = objects.slice(0, 3).map((o) => `${o.kind.toLowerCase()}/${o.name}`);
  const more = objects.length > 3 ? ` and ${String(objects.length - 3)} more` : "";
  return shown.join(", ") + more;
}

/** The progress line for objects still terminating. */
export function pendingLine(objects: readonly TerminatingObject[]): string {
  return `Waiting for deletions: ${String(objects.length)} object(s) still terminating (${names(objects)})…`;
}

/** Waits `ms`; an abort ends the wait early (the loop then returns). */
const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  delay(ms, undefined, { signal }).catch(() => undefined);

/**
 * Polls `terminating` until it reports nothing (resolves), the signal aborts (resolves), or `maxMs` passes
 * (a user error naming the objects). Prints a progress line whenever the set of terminating objects changes.
 */
export async function waitForPendingDeletions(
  terminating: () => Promise<readonly TerminatingObject[]>,
  options: PendingDeletionsOptions,
): Promise<void> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const deadline = now() + options.maxMs;
  let last = "";
  for (;;) {
    const pending = await terminating();
    if (pending.length === 0 || options.signal.aborted) return;
    if (now() >= deadline) {
      throw userError(
        "DEPLOY_PENDING_DELETIONS",
        `${String(pending.length)} object(s) to deploy were still terminating after ${String(Math.round(options.maxMs / 1000))}s: ${names(pending)}`,
        "Look for finalizers on them (kubectl get <kind>/<name> -o yaml), raise --wait-for-deletions-max, or deploy anyway with --wait-for-deletions=false.",
      );
    }
    const line = pendingLine(pending);
    if (line !== last) options.output(line);
    last = line;
    await sleep(Math.max(1, options.delayMs), options.signal);
  }
}
