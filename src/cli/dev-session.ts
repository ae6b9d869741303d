/**
 * `trestle dev` (and `trestle debug`, through the same function): load the config, wire the dev loop's parts —
 * build and run pipelines, the Kubernetes syncer, the watch model and file monitor, the events API — run the
 * loop, and start over when skaffold.yaml changes.
 */
import { dirname } from "node:path";
import { buildpacksAutoSyncReading, legacySbomReader } from "../build/buildpacks/index.js";
import type { ResolvedConfig } from "../config/resolved.js";
import { createRenderer } from "../render/renderer.js";
import { EventStream } from "../output/events.js";
import { startEventsServer, type EventsServer } from "../output/events-server.js";
import { DevLoop, type DevLoopEnd } from "../runner/dev-loop.js";
import { DevModel, type ImageFacts } from "../runner/dev-model.js";
import { projectIgnoreRules } from "../runner/dev-ignore.js";
import { KubeSyncer } from "../sync/kube-syncer.js";
import { createFileMonitor } from "../watch/create.js";
import type { TriggerKind } from "../watch/types.js";
import type { Attachment } from "../runner/run-pipeline.js";
import { buildSetup } from "./build-setup.js";
import { lazyImageConfigReader, type ImageConfigReader } from "./debug-images.js";
import type { CommandContext } from "./command-spec.js";
import { devActions, type DevDeployment, type DevManifestTransform } from "./dev-actions.js";
import { deployRuntime } from "./deploy-pipeline.js";
import { modulePlans } from "./deploy-setup.js";
import { loadProjectFromFlags } from "./project.js";
import type { KubeClient } from "../kube/types.js";
import type { ActiveForward } from "../access/types.js";
import type { DockerDebugSettings } from "../deploy/docker/debug.js";
import { createStdinTrigger } from "./dev-stdin.js";
import { syncHooksRunner } from "./dev-sync-hooks.js";

export type { DevDeployment, DevManifestTransform } from "./dev-actions.js";

/** What `trestle debug` (or another caller) changes in the dev session. */
export interface RunDevOptions {
  /** "debug" builds in debug mode (e.g. SKAFFOLD_GO_GCFLAGS); the flags' per-command defaults already differ. */
  readonly mode: "dev" | "debug";
  /** Applied to each module's rendered manifests after the sync helper is injected, on every deploy. */
  readonly transformManifests?: DevManifestTransform;
  /** Called after every successful deploy and status check, with the cluster client; a rejection fails it. */
  readonly afterDeploy?: (
    deployment: DevDeployment,
    kube: KubeClient,
    forwards: readonly ActiveForward[],
  ) => Promise<void>;
  /** `trestle debug`: how `deploy.docker` rewrites its containers for debuggers. */
  readonly dockerDebug?: DockerDebugSettings;
}

function imageFactsOf(reader: ImageConfigReader): (reference: string) => Promise<ImageFacts | undefined> {
  return async (reference) => {
    for (const ref of new Set([reference, reference.split("@")[0] ?? reference])) {
      try {
        const found = await reader.read(ref);
        if (found) {
          const config = found.config ?? {};
          return { workingDir: config.WorkingDir || "/", labels: config.Labels ?? {} };
        }
      } catch {
        // neither the engine nor the registry has it under this name: try the next one
      }
    }
    return undefined;
  };
}

/** What outlives one session: the loop the events API drives, and the cleanup of the last deploy. */
interface SessionControl {
  loop: DevLoop | undefined;
  cleanup: (() => Promise<void>) | undefined;
}

/** One config load: returns "reload" when skaffold.yaml changed, "stopped" after Ctrl+C (and cleanup). */
async function session(
  context: CommandContext,
  options: RunDevOptions,
  project: ResolvedConfig,
  events: EventStream,
  control: SessionControl,
): Promise<DevLoopEnd> {
  const flags = context.parsed.flags;
  const say = (line: string): void => {
    context.stdout.write(`${line}\n`);
  };
  const warn = (line: string): void => {
    context.logger.warn(line);
  };
  const build = await buildSetup(context, project, options.mode, { say, quiet: false });
  const { setup, runtime, doors, deployOptions } = deployRuntime(context, project, {
    dockerDebug: options.dockerDebug,
  });
  const plans = modulePlans(project, runtime, deployOptions, doors.render);
  const kube = doors.kube();
  const imageConfigs = lazyImageConfigReader(runtime.daemon, {
    insecureRegistries: build.insecureRegistries,
    env: setup.env,
  });
  let namespaces: readonly string[] = [];
  let attachment: Attachment | undefined;
  const syncer = new KubeSyncer({
    exec: kube.exec,
    pods: kube.watcher,
    runId: setup.runId,
    namespaces: () => (namespaces.length > 0 ? namespaces : [setup.namespace ?? kube.namespace]),
    warn,
    onReplay: (target, files) => {
      say(
        `Re-applied ${String(files)} synced path(s) to ${target.namespace}/${target.pod}/${target.container}, which started after the sync.`,
      );
      events.emit("sync", { status: "Replayed", target, fileCount: files });
    },
  });
  const artifacts = project.modules.flatMap((m) => m.config.build?.artifacts ?? []);
  const deployInputs = await createRenderer(
    project,
    { exec: runtime.exec, env: setup.env, warn },
    { includeDeployHelm: true },
  ).dependencies();
  const model = await DevModel.create({
    project,
    env: setup.env,
    cwd: context.cwd,
    watchImages: flags.strings("watch-image"),
    imageFacts: imageFactsOf(imageConfigs),
    autoRules: buildpacksAutoSyncReading(
      legacySbomReader({ engine: runtime.daemon, registry: () => imageConfigs.registry() }),
    ),
    deployInputs,
    warn,
  });
  const actions = devActions({
    project,
    build,
    deploy: setup,
    plans,
    pipeline: {
      statusCheck: doors.statusCheck,
      hooks: { exec: runtime.exec, env: setup.env, targets: doors.hookTargets },
    },
    syncedImages: new Set(artifacts.filter((a) => a.sync !== undefined).map((a) => a.image)),
    helperImage: setup.env["TRESTLE_SYNC_HELPER_IMAGE"],
    transformManifests: options.transformManifests,
    onDeployed: async (deployment) => {
      namespaces = deployment.namespaces;
      // Log tailing and port forwards (--tail, --port-forward): started after the first deploy, then refreshed.
      if (attachment) await attachment.refresh(namespaces);
      else if (doors.attach) attachment = await doors.attach(namespaces);
      await options.afterDeploy?.(deployment, kube, attachment?.forwards?.() ?? []);
    },
    events,
    say,
  });
  const roots = model.roots();
  const monitor = createFileMonitor({
    trigger: flags.string("trigger") as TriggerKind,
    roots,
    ignore: projectIgnoreRules({
      dirs: [...roots, ...model.artifacts.map((a) => a.workspace)],
      mayContainInputs: (dir) => model.mayContainInputs(dir),
      keep: [...deployInputs, project.rootFile, ...project.modules.map((m) => m.file)],
    }),
    debounceMs: flags.int("watch-debounce") ?? 50,
    pollIntervalMs: flags.int("watch-poll-interval") ?? 1000,
    input: process.stdin,
    warn,
  });
  const hooks = syncHooksRunner({
    artifacts,
    project,
    exec: runtime.exec,
    env: setup.env,
    kube,
    runId: setup.runId,
    kubeContext: setup.kubeContext,
    namespaces: () => namespaces,
    say,
  });
  const loop = new DevLoop({
    actions,
    syncer,
    model,
    monitor,
    images: artifacts.map((a) => a.image),
    auto: {
      build: flags.bool("auto-build"),
      sync: flags.bool("auto-sync"),
      deploy: flags.bool("auto-deploy"),
    },
    syncHooks: hooks,
    onIteration: (phase) => {
      if (phase === "start") attachment?.mute();
      else attachment?.unmute();
    },
    keepRunningOnFailure: flags.bool("keep-running-on-failure"),
    cleanup: flags.bool("cleanup"),
    events,
    say,
    warn,
    signal: context.signal,
  });
  control.loop = loop;
  control.cleanup = () => actions.cleanup();
  const stdin = flags.string("trigger") === "manual" ? undefined : createStdinTrigger(process.stdin, loop);
  try {
    return await loop.run();
  } finally {
    stdin?.stop();
    imageConfigs.close();
    await attachment?.stop();
  }
}

/** Waits until one of the config files changes (or the signal aborts). */
async function configChange(files: readonly string[], signal: AbortSignal): Promise<void> {
  const wanted = new Set(files);
  const monitor = createFileMonitor({
    trigger: "notify",
    roots: [...new Set(files.map((f) => dirname(f)))],
    ignore: { ignoredDirs: [], ignores: (path) => !wanted.has(path) },
    debounceMs: 100,
    pollIntervalMs: 1000,
    input: process.stdin,
    warn: () => undefined,
  });
  try {
    await new Promise<void>((resolve) => {
      signal.addEventListener(
        "abort",
        () => {
          resolve();
        },
        { once: true },
      );
      void monitor.start(() => {
        resolve();
      });
    });
  } finally {
    await monitor.stop();
  }
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const hint = (error as { hint?: unknown }).hint;
  return typeof hint === "string" && hint !== "" ? `${error.message} (${hint})` : error.message;
}

/** Runs the dev loop until Ctrl+C, reloading the config when it changes; the exit code. */
export async function runDev(context: CommandContext, options: RunDevOptions): Promise<number> {
  const events = new EventStream();
  const control: SessionControl = { loop: undefined, cleanup: undefined };
  const port = context.parsed.flags.int("rpc-http-port");
  let server: EventsServer | undefined;
  if (port !== undefined) {
    server = await startEventsServer(port, events, {
      execute: () => control.loop?.execute(),
      setAuto: (phase, enabled) => control.loop?.setAuto(phase, enabled),
      auto: () => control.loop?.auto() ?? { build: true, sync: true, deploy: true },
    });
    context.stdout.write(`Events API on http://127.0.0.1:${String(server.port)}/v2/events\n`);
  }
  events.emit("meta", { status: "Started", command: options.mode, pid: process.pid });
  let configFiles: readonly string[] | undefined;
  try {
    for (;;) {
      let project: ResolvedConfig;
      try {
        project = await loadProjectFromFlags(context);
      } catch (error) {
        if (configFiles === undefined) throw error; // the first load: nothing to keep running
        context.logger.warn(`the changed configuration does not load: ${errorText(error)}`);
        context.stdout.write("Fix it and save again (Ctrl+C to stop).\n");
        events.emit("meta", { status: "ConfigInvalid", error: errorText(error) });
        await configChange(configFiles, context.signal);
        if (context.signal.aborted) break;
        continue;
      }
      configFiles = [project.rootFile, ...project.modules.map((m) => m.file)];
      events.emit("meta", { status: "ConfigLoaded", file: project.rootFile });
      const end = await session(context, options, project, events, control);
      if (end !== "reload" || context.signal.aborted) return 0;
      context.stdout.write("Reloading the configuration and restarting the dev loop...\n");
    }
    // Stopped while the configuration did not load: delete what the last session deployed.
    if (control.cleanup && context.parsed.flags.bool("cleanup")) {
      context.stdout.write("Cleaning up...\n");
      await control.cleanup();
      context.stdout.write("Cleanup complete.\n");
    }
    return 0;
  } finally {
    await server?.close();
  }
}
