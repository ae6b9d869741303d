/**
 * The internal event stream: every phase of a run (build, deploy, status, sync, log, dev-loop iterations)
 * emits timestamped events here; `--rpc-http-port` serves them to IDEs and benchmarks (see events-server.ts).
 */

/** The kinds of events, close to Skaffold's v2 event names. */
export type EventKind = "meta" | "devloop" | "build" | "deploy" | "status" | "sync" | "log" | "portForward";

/** One event: its kind, an RFC 3339 timestamp with milliseconds, a monotonic sequence number, and fields. */
export interface TrestleEvent {
  readonly seq: number;
  readonly timestamp: string;
  readonly kind: EventKind;
  /** `InProgress`, `Completed`, `Failed`, or a kind-specific status. */
  readonly status?: string;
  readonly [field: string]: unknown;
}

/** Publishes events to subscribers and keeps them for late subscribers (Skaffold replays from the start). */
export interface EventSink {
  emit(kind: EventKind, fields?: Readonly<Record<string, unknown>>): void;
}

/** An event stream with history. */
export class EventStream implements EventSink {
  private readonly events: TrestleEvent[] = [];
  private readonly listeners = new Set<(event: TrestleEvent) => void>();

  constructor(
    private readonly maxHistory = 10_000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  emit(kind: EventKind, fields: Readonly<Record<string, unknown>> = {}): void {
    const event: TrestleEvent = {
      ...fields,
      seq: (this.events.at(-1)?.seq ?? 0) + 1,
      timestamp: this.now().toISOString(),
      kind,
    };
    this.events.push(event);
    if (this.events.length > this.maxHistory) this.events.splice(0, this.events.length - this.maxHistory);
    for (const listener of this.listeners) listener(event);
  }

  /** Every event kept so far, oldest first. */
  history(): readonly TrestleEvent[] {
    return this.events;
  }

  /** Calls `listener` for each new event until the returned function is called. */
  subscribe(listener: (event: TrestleEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** A sink that drops everything (commands run without an event API). */
export const noEvents: EventSink = { emit: () => undefined };
