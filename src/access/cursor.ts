/** Bookkeeping that lets a log be re-read from a time without printing a line twice or skipping one. */

/** Nanoseconds since the epoch of a kubelet RFC 3339 timestamp (trailing zeros of the fraction may be trimmed). */
export function timestampNanos(ts: string): bigint | undefined {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(ts);
  if (!m) return undefined;
  const seconds = Date.parse(`${m[1] ?? ""}${m[3] ?? "Z"}`);
  if (Number.isNaN(seconds)) return undefined;
  return BigInt(seconds) * 1_000_000n + BigInt((m[2] ?? "").padEnd(9, "0"));
}

/**
 * The position in one container's log: the newest timestamp printed and how many lines carried exactly
 * that timestamp. A re-read from `sinceTime()` (second precision on the server) offers lines again; only
 * the ones not yet printed are accepted.
 */
export class LogCursor {
  private last: bigint | undefined;
  private lastText = "";
  private atLast = 0;
  private replayed = 0;

  constructor(private readonly since?: Date) {}

  /** Starts a re-read: lines at the last timestamp are counted again from zero. */
  rewind(): void {
    this.replayed = 0;
  }

  /** Whether a line (offered in log order) is new and should be printed. */
  accept(timestamp: string): boolean {
    const t = timestampNanos(timestamp);
    if (t === undefined) return true;
    if (this.since && t < BigInt(this.since.getTime()) * 1_000_000n) return false;
    if (this.last === undefined || t > this.last) {
      this.last = t;
      this.lastText = timestamp;
      this.atLast = 1;
      this.replayed = 1;
      return true;
    }
    if (t < this.last) return false;
    this.replayed++;
    if (this.replayed <= this.atLast) return false;
    this.atLast = this.replayed;
    return true;
  }

  /** Where a re-read should start (the server rounds down to the second), or the `since` time. */
  sinceTime(): string | undefined {
    if (this.lastText) return this.lastText;
    return this.since?.toISOString();
  }
}
