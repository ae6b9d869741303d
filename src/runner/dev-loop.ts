/**
 * The dev loop (`trestle dev`, and `trestle debug` with its own hooks): build and deploy once, then watch.
 * File events only fill a ChangeSet; one loop drains it — sync → rebuild (with dependents) → redeploy — and
 * prints what changed, what was done and how long it took. Build, sync and deploy failures are reported and
 * the loop waits for the next change; a skaffold.yaml change ends the loop with "reload".
 */
import type { BuildOutputEntry, BuiltImage } from "../build/types.js";
import type { EventSink } from "../output/events.js";
import type { LoopControl } from "../output/events-server.js";
import { TrestleError } from "../errors/errors.js";
import type { SyncResult, Syncer } from "../sync/types.js";
import type { FileMonitor } from "../watch/types.js";
import { ChangeSet, decide, type IterationPlan, type WatchModel } from "./change-set.js";

/** The results of a build step: the images built now (by image name) and whether every build succeeded. */
export interface DevBuild {
  readonly ok: boolean;
  readonly built: ReadonlyMap<string, BuiltImage>;
  /** Why it failed, for the message. */
  readonly error?: string;
}

/** The phases the loop drives; the command wires them to the build pipeline, renderer and deployers. */
export interface DevActions {
  /** Builds these images (every artifact when undefined). Never throws for a failed build: `ok` is false. */
  build(images: readonly string[] | undefined, signal: AbortSignal): Promise<DevBuild>;
  /** Renders and deploys the builds, then checks status; rejects with a TrestleError on failure. */
  deploy(builds: readonly BuildOutputEntry[], iteration: number, signal: AbortSignal): Promise<void>;
  /** Deletes what the loop deployed (`--cleanup`). */
  cleanup(): Promise<void>;
}

/** A syncer the loop can also tell about rebuilds and redeploys. */
export interface DevSyncer extends Syncer {
  /** The image was rebuilt: what was synced into the old one no longer needs replaying. */
  forget(image: string): void;
  /** Follow (again) the pods of the last deploy, replaying synced files into containers that start later. */
  watchRestarts(): void;
  stopWatching(): void;
}

/** The watch model plus the updates the loop asks of it. */
export interface DevWatchModel extends WatchModel {
  reread(images: Iterable<string>): Promise<void>;
  updatePlanners(built: ReadonlyMap<string, BuiltImage>): Promise<void>;
}

/** One sync as its hooks see it: the image, what it runs, local files copied and deleted. */
export interface HookedSync {
  readonly image: string;
  readonly built: BuiltImage;
  /** Local paths (absolute) copied into the containers. */
  readonly copied: readonly string[];
  /** Local paths (absolute) whose deletion is synced. */
  readonly removed: readonly string[];
}

/** An artifact's `sync.hooks`, run around each of its syncs; a failing before hook fails the sync. */
export interface DevSyncHooks {
  before(sync: HookedSync, signal: AbortSignal): Promise<void>;
  after(sync: HookedSync, signal: AbortSignal): Promise<void>;
}

export type AutoPhases = Record<"build" | "sync" | "deploy", boolean>;

export interface DevLoopOptions {
  readonly actions: DevActions;
  readonly syncer: DevSyncer;
  readonly model: DevWatchModel;
  readonly monitor: FileMonitor;
  /** Images in the order of the config, for build.json-style entries. */
  readonly images: readonly string[];
  readonly auto: AutoPhases;
  /** Before/after sync hooks (none when undefined). */
  readonly syncHooks?: DevSyncHooks;
  /** Told when an iteration starts and ends (log tailing holds its lines meanwhile). */
  readonly onIteration?: (phase: "start" | "end") => void;
  readonly keepRunningOnFailure: boolean;
  readonly cleanup: boolean;
  readonly events: EventSink;
  readonly say: (line: string) => void;
  readonly warn: (line: string) => void;
  readonly signal: AbortSignal;
  /** Builds from a previous loop of this session (after a reload), to skip nothing but keep tags for syncing. */
  readonly now?: () => number;
}

function ms(from: number, to: number): string {
  const d = to - from;
  return d < 1000 ? `${String(Math.round(d))} ms` : `${(d / 1000).toFixed(1)} s`;
}

function message(error: unknown): string {
  if (error instanceof Error) {
    const hint = (error as { hint?: unknown }).hint;
    return typeof hint === "string" && hint !== "" ? `${error.message} (${hint})` : error.message;
  }
  return String(error);
}

/** How the loop ended. */
export type DevLoopEnd = "stopped" | "reload";

export class DevLoop implements LoopControl {
  private readonly pending = new ChangeSet();
  private readonly held = new ChangeSet();
  private readonly builds = new Map<string, BuiltImage>();
  private iteration = 0;
  private running = false;
  private forced = false;
  private firstChangeAt: number | undefined;
  private wake: (() => void) | undefined;
  private deployed = false;
  private readonly now: () => number;

  constructor(private readonly options: DevLoopOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  auto(): AutoPhases {
    return { ...this.options.auto };
  }

  setAuto(phase: keyof AutoPhases, enabled: boolean): void {
    this.options.auto[phase] = enabled;
    this.options.events.emit("devloop", { status: "AutoTrigger", phase, enabled });
    if (enabled) this.execute();
  }

  /** Runs pending (and held) changes now, whatever the auto settings (Enter, or POST /v2/execute). */
  execute(): void {
    this.forced = true;
    this.pending.merge(this.held.drain());
    this.firstChangeAt ??= this.now();
    this.wake?.();
  }

  private entries(): BuildOutputEntry[] {
    return this.options.images.flatMap((image) => {
      const built = this.builds.get(image);
      return built ? [{ imageName: image, tag: built.reference }] : [];
    });
  }

  /** Runs the loop until the signal aborts (→ "stopped", after cleanup) or the config changes (→ "reload"). */
  async run(): Promise<DevLoopEnd> {
    const { options } = this;
    const { signal } = options;
    let end: DevLoopEnd = "stopped";
    try {
      await this.firstIteration();
      await options.monitor.start((changes) => {
        if (this.pending.record(changes, options.model)) {
          this.firstChangeAt ??= this.now();
          this.wake?.();
        }
      });
      options.say("Watching for changes... (Ctrl+C to stop)");
      while (!signal.aborted) {
        if (this.pending.empty) {
          await new Promise<void>((resolve) => {
            this.wake = resolve;
            signal.addEventListener(
              "abort",
              () => {
                resolve();
              },
              { once: true },
            );
          });
          this.wake = undefined;
          continue;
        }
        const changes = this.pending.drain();
        const started = this.firstChangeAt ?? this.now();
        this.firstChangeAt = undefined;
        const forced = this.forced;
        this.forced = false;
        const plan = decide(changes, options.model);
        if (plan.reload) {
          options.say(`Configuration changed (${[...changes.changed].join(", ")}): reloading.`);
          options.events.emit("devloop", { status: "Reload", files: [...changes.changed] });
          end = "reload";
          break;
        }
        this.running = true;
        options.onIteration?.("start");
        try {
          await this.iterate(plan, changes, started, forced);
        } finally {
          this.running = false;
          options.onIteration?.("end");
        }
      }
    } finally {
      await options.monitor.stop();
      options.syncer.stopWatching();
      if (end === "stopped" && options.cleanup && this.deployed) {
        options.say("Cleaning up...");
        try {
          await options.actions.cleanup();
          options.say("Cleanup complete.");
        } catch (error) {
          options.warn(`cleanup failed: ${message(error)}`);
        }
      }
    }
    return end;
  }

  /** Whether an iteration is running (for tests and the API state). */
  get busy(): boolean {
    return this.running;
  }

  private async firstIteration(): Promise<void> {
    const { options } = this;
    const started = this.now();
    for (;;) {
      const build = await this.build(undefined);
      let ok = build.ok;
      if (ok) ok = await this.deploy();
      if (ok) {
        options.say(`Ready in ${ms(started, this.now())}.`);
        options.events.emit("devloop", {
          status: "Completed",
          iteration: 0,
          durationMs: this.now() - started,
        });
        return;
      }
      if (!options.keepRunningOnFailure) {
        throw new TrestleError("the first iteration failed; exiting dev mode", {
          code: "DEV_FIRST_ITERATION_FAILED",
          kind: "user",
          hint: "Fix the error above, or pass --keep-running-on-failure to keep watching.",
        });
      }
      options.say("The first iteration failed; fix the problem and save a file (or press Enter) to retry.");
      await new Promise<void>((resolve) => {
        const stopWaiting = (): void => {
          resolve();
        };
        this.wake = stopWaiting;
        options.signal.addEventListener("abort", stopWaiting, { once: true });
        void options.monitor.start(() => {
          stopWaiting();
        });
      });
      await options.monitor.stop();
      if (options.signal.aborted) return;
    }
  }

  private async build(images: readonly string[] | undefined): Promise<DevBuild> {
    const { options } = this;
    const started = this.now();
    options.events.emit("build", { status: "InProgress", artifacts: images ?? options.images });
    const result = await options.actions.build(images, options.signal);
    for (const [image, built] of result.built) {
      this.builds.set(image, built);
      options.syncer.forget(image);
    }
    await options.model.updatePlanners(result.built);
    options.events.emit("build", {
      status: result.ok ? "Completed" : "Failed",
      artifacts: [...result.built.keys()],
      durationMs: this.now() - started,
      ...(result.error === undefined ? {} : { error: result.error }),
    });
    if (!result.ok)
      options.warn(`Build failed: ${result.error ?? "see the output above"}. Waiting for changes.`);
    return result;
  }

  private async deploy(): Promise<boolean> {
    const { options } = this;
    const started = this.now();
    options.events.emit("deploy", { status: "InProgress", iteration: this.iteration });
    try {
      await options.actions.deploy(this.entries(), this.iteration, options.signal);
      this.deployed = true;
      options.syncer.watchRestarts();
      options.events.emit("deploy", {
        status: "Completed",
        iteration: this.iteration,
        durationMs: this.now() - started,
      });
      return true;
    } catch (error) {
      this.deployed = true; // something may have been applied: clean it up on exit
      options.events.emit("deploy", { status: "Failed", iteration: this.iteration, error: message(error) });
      options.warn(`Deploy failed: ${message(error)}. Waiting for changes.`);
      return false;
    }
  }

  private async iterate(
    plan: IterationPlan,
    changes: ChangeSet,
    started: number,
    forced: boolean,
  ): Promise<void> {
    const { options } = this;
    this.iteration++;
    const auto = options.auto;
    const files = [...changes.changed].map((f) => f);
    options.say(
      `Change detected (${String(files.length)} file${files.length === 1 ? "" : "s"}): ${files.slice(0, 5).join(", ")}${files.length > 5 ? ", …" : ""}`,
    );
    options.events.emit("devloop", { status: "InProgress", iteration: this.iteration, files });
    const rebuilds = new Map(plan.rebuilds);
    const did: string[] = [];
    for (const item of plan.syncs) {
      const built = this.builds.get(item.image);
      if (!auto.sync && !forced) {
        this.hold(changes, item.image);
        continue;
      }
      if (!built) {
        rebuilds.set(item.image, "it has no build to sync into yet");
        continue;
      }
      const t0 = this.now();
      options.events.emit("sync", { status: "InProgress", image: item.image, files: item.files });
      let result: SyncResult | undefined;
      let lastError: unknown;
      const hooked: HookedSync = {
        image: item.image,
        built,
        copied: item.copy.map((c) => c.local),
        removed: item.removed,
      };
      let hooksOk = true;
      try {
        await options.syncHooks?.before(hooked, options.signal);
      } catch (error) {
        lastError = error;
        hooksOk = false;
      }
      for (let attempt = 0; hooksOk && attempt < 3 && result === undefined; attempt++) {
        try {
          result = await options.syncer.sync(
            { image: item.image, built, copy: item.copy, delete: item.delete },
            options.signal,
          );
        } catch (error) {
          lastError = error;
          const code = (error as { code?: unknown }).code;
          if (code === "SYNC_UNSUPPORTED" || code === "SYNC_NO_TARGET" || options.signal.aborted) break;
          await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
        }
      }
      if (result) {
        try {
          await options.syncHooks?.after(hooked, options.signal);
        } catch (error) {
          options.warn(message(error));
        }
        const pods = new Set(result.targets.map((t) => `${t.namespace}/${t.pod}`));
        const via = [...new Set(result.targets.map((t) => t.via))].join("+");
        const line = `Synced ${String(result.files)} file${result.files === 1 ? "" : "s"}${result.deleted > 0 ? `, deleted ${String(result.deleted)}` : ""} into ${String(pods.size)} pod${pods.size === 1 ? "" : "s"} (${String(result.targets.length)} container${result.targets.length === 1 ? "" : "s"}, via ${via}) in ${ms(t0, this.now())}`;
        options.say(line);
        did.push("synced");
        options.events.emit("sync", {
          status: "Completed",
          image: item.image,
          fileCount: result.files,
          deleted: result.deleted,
          targets: result.targets,
          durationMs: this.now() - t0,
        });
      } else {
        options.warn(`Sync of ${item.image} failed: ${message(lastError)}. Rebuilding instead.`);
        options.events.emit("sync", { status: "Failed", image: item.image, error: message(lastError) });
        rebuilds.set(item.image, "sync failed");
      }
    }
    if (plan.reread.size > 0) await options.model.reread(plan.reread);
    let redeploy = plan.redeploy || rebuilds.size > 0;
    if (rebuilds.size > 0) {
      if (!auto.build && !forced) {
        for (const image of rebuilds.keys()) this.hold(changes, image);
        options.say(
          `Not rebuilding ${[...rebuilds.keys()].join(", ")} (--auto-build=false): press Enter or POST /v2/execute.`,
        );
        redeploy = changes.deploy;
      } else {
        for (const [image, reason] of rebuilds) options.say(`Rebuilding ${image}: ${reason}`);
        const t0 = this.now();
        const build = await this.build([...rebuilds.keys()]);
        if (!build.ok) {
          options.events.emit("devloop", { status: "Failed", iteration: this.iteration });
          return;
        }
        options.say(`Rebuilt ${[...build.built.keys()].join(", ")} in ${ms(t0, this.now())}`);
        did.push("rebuilt");
      }
    }
    if (redeploy) {
      if (!auto.deploy && !forced) {
        this.held.deploy = true;
        options.say("Not redeploying (--auto-deploy=false): press Enter or POST /v2/execute.");
      } else {
        const t0 = this.now();
        if (!(await this.deploy())) {
          options.events.emit("devloop", { status: "Failed", iteration: this.iteration });
          return;
        }
        options.say(`Redeployed in ${ms(t0, this.now())}`);
        did.push("redeployed");
      }
    }
    const total = this.now() - started;
    options.say(
      `Iteration ${String(this.iteration)}: ${did.length > 0 ? did.join(", ") : "nothing to do"} in ${ms(started, this.now())} since the change was noticed.`,
    );
    options.events.emit("devloop", {
      status: "Completed",
      iteration: this.iteration,
      actions: did,
      durationMs: total,
    });
  }

  private hold(changes: ChangeSet, image: string): void {
    const files = changes.files.get(image);
    if (files) this.held.files.set(image, new Map(files));
    if (changes.inputsChanged.has(image)) this.held.inputsChanged.add(image);
  }
}
