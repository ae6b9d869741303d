/**
 * The build scheduler: artifacts in `requires` order, independent ones in parallel up to a concurrency limit, as
 * Skaffold's `pkg/skaffold/build/scheduler.go` — but output streams line by line (the caller prefixes each line
 * with its image) instead of being buffered per artifact, and the result says what failed, why, and what was
 * cancelled because of it.
 */
import { TrestleError } from "../errors/errors.js";
import type { ArtifactBuilder, BuildRequest, BuiltImage, RunMode } from "./types.js";
import { requirementsOf, topologicalOrder } from "./scheduler-graph.js";
import type { ArtifactWorkspace } from "./scheduler-graph.js";
import { sanitizeImageName } from "../oci/reference-grammar.js";

/** An artifact ready to be scheduled: its config, workspace, the reference to build and its target platforms. */
export interface ScheduledArtifact extends ArtifactWorkspace {
  /** The reference to produce, from tag generation (default repo applied). */
  readonly tag: string;
  readonly platforms: readonly string[];
}

/** What happened to one artifact. */
export type ArtifactOutcome =
  | { readonly image: string; readonly status: "succeeded"; readonly built: BuiltImage }
  | { readonly image: string; readonly status: "failed"; readonly error: unknown }
  | { readonly image: string; readonly status: "cancelled"; readonly reason: string };

/** Progress of the schedule, for the caller's messages and events. */
export type BuildEvent =
  | { readonly type: "start"; readonly image: string }
  | { readonly type: "success"; readonly image: string; readonly built: BuiltImage }
  | { readonly type: "failure"; readonly image: string; readonly error: unknown }
  | { readonly type: "cancel"; readonly image: string; readonly reason: string };

/** How to build: the builder, the limit, the shared request fields, and where output and progress go. */
export interface ScheduleOptions {
  readonly builder: ArtifactBuilder;
  /** Builds at once; 0 means no limit (see `resolveBuildConcurrency`). */
  readonly concurrency: number;
  readonly push: boolean;
  readonly mode: RunMode;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** References of artifacts not built in this run (earlier builds, cache hits), for requirements on them. */
  readonly previous?: ReadonlyMap<string, string>;
  /**
   * true (the default, Skaffold's behaviour): the first failure cancels every other build, running ones included.
   * false: only the artifacts that require the failed one (transitively) are cancelled.
   */
  readonly failFast?: boolean;
  /** Each line of build output with the image it belongs to; lines arrive as they are produced. */
  readonly output: (image: string, line: string) => void;
  readonly onEvent?: (event: BuildEvent) => void;
  readonly signal?: AbortSignal;
}

/** The outcome of every artifact, in the order given. */
export interface ScheduleResult {
  readonly outcomes: readonly ArtifactOutcome[];
  /** Every artifact succeeded. */
  readonly ok: boolean;
}

/**
 * Builds `items` (distinct images) in dependency order. Build failures are in the result; it rejects only for
 * an internal error (the same image twice, a dependency cycle).
 */
export async function buildInOrder(
  items: readonly ScheduledArtifact[],
  options: ScheduleOptions,
): Promise<ScheduleResult> {
  const order = topologicalOrder(items);
  const inRun = new Set(items.map((item) => item.artifact.image));
  if (inRun.size !== items.length) {
    throw new TrestleError("the same image is scheduled twice", {
      kind: "internal",
      code: "BUILD_DUPLICATE",
    });
  }
  const outcomes = new Map<string, ArtifactOutcome>();
  const started = new Set<string>();
  const controller = new AbortController();
  const abort = (reason: string): void => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const onExternalAbort = (): void => {
    abort("interrupted");
  };
  if (options.signal?.aborted === true) onExternalAbort();
  options.signal?.addEventListener("abort", onExternalAbort, { once: true });
  const limit = options.concurrency > 0 ? options.concurrency : Number.POSITIVE_INFINITY;
  let running = 0;

  const settle = (outcome: ArtifactOutcome): void => {
    outcomes.set(outcome.image, outcome);
    if (outcome.status === "succeeded")
      options.onEvent?.({ type: "success", image: outcome.image, built: outcome.built });
    else if (outcome.status === "failed")
      options.onEvent?.({ type: "failure", image: outcome.image, error: outcome.error });
    else options.onEvent?.({ type: "cancel", image: outcome.image, reason: outcome.reason });
  };

  /** Why `item` can never start, or undefined when it may start once its requirements are built. */
  const blocked = (item: ScheduledArtifact): string | undefined => {
    if (controller.signal.aborted) return String(controller.signal.reason);
    for (const req of requirementsOf(item.artifact)) {
      const dep = outcomes.get(req.image);
      if (dep?.status === "failed") return `requires "${req.image}", which failed`;
      if (dep?.status === "cancelled") return `requires "${req.image}", which was cancelled`;
    }
    return undefined;
  };
  const ready = (item: ScheduledArtifact): boolean =>
    requirementsOf(item.artifact).every(
      (r) => !inRun.has(r.image) || outcomes.get(r.image)?.status === "succeeded",
    );

  const dependencies = (item: ScheduledArtifact): Map<string, string> => {
    const out = new Map<string, string>();
    for (const req of requirementsOf(item.artifact)) {
      const done = outcomes.get(req.image);
      const reference =
        done?.status === "succeeded" ? done.built.reference : options.previous?.get(req.image);
      if (reference !== undefined) out.set(req.alias, reference);
    }
    return out;
  };

  return new Promise((resolve) => {
    const pump = (): void => {
      for (const item of order) {
        const image = item.artifact.image;
        if (started.has(image) || outcomes.has(image)) continue;
        const reason = blocked(item);
        if (reason !== undefined) settle({ image, status: "cancelled", reason });
        else if (running < limit && ready(item)) start(item);
      }
      if (outcomes.size === items.length) {
        options.signal?.removeEventListener("abort", onExternalAbort);
        const list = items.map((item) => outcomes.get(item.artifact.image) as ArtifactOutcome);
        resolve({ outcomes: list, ok: list.every((o) => o.status === "succeeded") });
      }
    };

    const start = (item: ScheduledArtifact): void => {
      const image = item.artifact.image;
      started.add(image);
      running++;
      options.onEvent?.({ type: "start", image });
      const request: BuildRequest = {
        artifact: item.artifact,
        workspace: item.workspace,
        tag: sanitizeImageName(item.tag),
        platforms: item.platforms,
        push: options.push,
        mode: options.mode,
        dependencies: dependencies(item),
        env: options.env,
        output: (line) => {
          options.output(image, line);
        },
        signal: controller.signal,
      };
      Promise.resolve()
        .then(() => options.builder.build(request))
        .then(
          (built) => {
            settle({ image, status: "succeeded", built });
          },
          (error: unknown) => {
            if (controller.signal.aborted) {
              settle({ image, status: "cancelled", reason: String(controller.signal.reason) });
              return;
            }
            if (options.failFast ?? true) abort(`the build of "${image}" failed`);
            settle({ image, status: "failed", error });
          },
        )
        .finally(() => {
          running--;
          pump();
        });
    };

    pump();
  });
}
