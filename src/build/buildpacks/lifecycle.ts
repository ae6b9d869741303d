/**
 * Runs a phase plan through the engine: per-build volumes for the app and the layers, named cache volumes
 * that outlive the build, the app source, the platform env and any custom order copied in as tar before the
 * first phase starts, each phase's output streamed with a `[phase]` prefix, and the lifecycle's report read
 * back from the layers volume. Containers and per-build volumes are removed whatever happens.
 */
import { randomBytes } from "node:crypto";
import type { DockerDaemon } from "../../docker/index.js";
import { tarStream, type TarEntry } from "../../util/tar.js";
import { lifecycleError } from "./errors.js";
import { MOUNTS, type Phase, type PhaseRun } from "./phases.js";
import { parseToml } from "./toml.js";

/** The engine roles the runner uses. */
export type LifecycleEngine = Pick<DockerDaemon, "containers" | "io" | "volumes" | "files">;

/** One build's lifecycle run. */
export interface LifecycleRun {
  readonly builder: string;
  readonly image: string;
  readonly platformApi: string;
  readonly runs: readonly PhaseRun[];
  /** Files for the first container (app under `workspace/`, order under `layers/`). */
  readonly inputs: readonly TarEntry[];
  /** The platform env, by name (written to /platform/env/<NAME> in every container). */
  readonly env: Readonly<Record<string, string>>;
  /** Named cache volumes: build cache (and launch cache for daemon export). */
  readonly cacheVolume: string;
  readonly launchCacheVolume: string;
  /** Extra binds (`host:target:mode`) from the artifact's `volumes`. */
  readonly binds: readonly string[];
  /** `CNB_REGISTRY_AUTH` for the phases allowed credentials (publishing to a registry that needs them). */
  readonly registryAuth?: string;
  /** How the daemon-export phases reach the engine. */
  readonly engineSocket: { readonly bind?: string; readonly env?: readonly string[] };
  /** Buildpacks detection tries, for the detect-failure message. */
  readonly tried: readonly string[];
  readonly output: (line: string) => void;
  readonly signal: AbortSignal;
}

/** What the exporter reported. */
export interface LifecycleReport {
  /** Registry manifest digest (publish), when reported. */
  readonly digest?: string;
  /** Local image ID (daemon export), when reported. */
  readonly imageId?: string;
}

const HEADER = /^===> ([A-Z]+)/;
const PHASE_OF_HEADER: Record<string, Phase> = {
  ANALYZING: "analyzer",
  DETECTING: "detector",
  RESTORING: "restorer",
  BUILDING: "builder",
  EXPORTING: "exporter",
};

const HEADER_OF_PHASE: Record<Exclude<Phase, "creator">, string> = {
  analyzer: "===> ANALYZING",
  detector: "===> DETECTING",
  restorer: "===> RESTORING",
  builder: "===> BUILDING",
  exporter: "===> EXPORTING",
};

/** Prefixes lines with the current phase; the creator's `===> BUILDING` headers switch it. */
function prefixer(phase: Phase, output: (line: string) => void): (line: string) => void {
  let current: Phase = phase;
  return (line) => {
    const header = HEADER.exec(line);
    if (header !== null) {
      current = PHASE_OF_HEADER[header[1] ?? ""] ?? current;
      output(line);
      return;
    }
    output(`[${current}] ${line}`);
  };
}

function platformEntries(env: Readonly<Record<string, string>>): TarEntry[] {
  const encoder = new TextEncoder();
  return [
    { type: "dir", path: "platform", mode: 0o755 },
    { type: "dir", path: "platform/env", mode: 0o755 },
    ...Object.entries(env)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]): TarEntry => {
        const bytes = encoder.encode(value);
        return {
          type: "file",
          path: `platform/env/${name}`,
          mode: 0o644,
          size: bytes.length,
          source: { bytes },
        };
      }),
  ];
}

async function readReport(engine: LifecycleEngine, id: string): Promise<LifecycleReport> {
  const tar = await engine.files.get(id, MOUNTS.report);
  if (tar === undefined || tar.length < 512) return {};
  // A one-file tar: a 512-byte header (size in octal at 124) then the content.
  const size = parseInt(tar.subarray(124, 136).toString("latin1").replace(/\0.*$/, "").trim(), 8);
  const text = tar.subarray(512, 512 + (Number.isNaN(size) ? 0 : size)).toString("utf8");
  const image = parseToml(text)["image"];
  if (typeof image !== "object" || Array.isArray(image)) return {};
  const digest = image["digest"];
  const imageId = image["image-id"];
  return {
    ...(typeof digest === "string" && digest !== "" ? { digest } : {}),
    ...(typeof imageId === "string" && imageId !== "" ? { imageId } : {}),
  };
}

/** Runs the plan; a phase that fails is a TrestleError (detect failures name the buildpacks tried). */
export async function runLifecycle(engine: LifecycleEngine, run: LifecycleRun): Promise<LifecycleReport> {
  const suffix = randomBytes(5).toString("hex");
  const appVolume = `trestle-app-${suffix}`;
  const layersVolume = `trestle-layers-${suffix}`;
  const labels = { "dev.trestle.buildpacks": run.image };
  const containers = new Set<string>();
  const abort = (): void => {
    for (const id of containers) void engine.containers.remove(id, { force: true }).catch(() => undefined);
  };
  run.signal.addEventListener("abort", abort, { once: true });
  try {
    for (const volume of [appVolume, layersVolume, run.cacheVolume, run.launchCacheVolume]) {
      await engine.volumes.create(volume, labels);
    }
    let report: LifecycleReport = {};
    let first = true;
    for (const phase of run.runs) {
      run.signal.throwIfAborted();
      const binds = [
        `${appVolume}:${MOUNTS.app}`,
        `${layersVolume}:${MOUNTS.layers}`,
        ...(phase.phase === "creator" || phase.phase === "restorer" || phase.phase === "exporter"
          ? [`${run.cacheVolume}:${MOUNTS.cache}`]
          : []),
        ...(phase.daemon ? [`${run.launchCacheVolume}:${MOUNTS.launchCache}`] : []),
        ...(phase.daemon && run.engineSocket.bind !== undefined ? [run.engineSocket.bind] : []),
        ...(phase.phase === "creator" || phase.phase === "builder" || phase.phase === "detector"
          ? run.binds
          : []),
      ];
      const id = await engine.containers.create({
        image: run.builder,
        entrypoint: [`/cnb/lifecycle/${phase.phase}`],
        cmd: [...phase.args],
        env: [
          `CNB_PLATFORM_API=${run.platformApi}`,
          "CNB_NO_COLOR=true",
          ...(phase.daemon ? (run.engineSocket.env ?? []) : []),
          ...(phase.credentials && run.registryAuth !== undefined
            ? [`CNB_REGISTRY_AUTH=${run.registryAuth}`]
            : []),
        ],
        ...(phase.root ? { user: "root" } : {}),
        network: "host",
        binds,
        labels,
      });
      containers.add(id);
      try {
        const files = [...platformEntries(run.env), ...(first ? run.inputs : [])];
        await engine.files.put(id, "/", tarStream(files), run.signal);
        first = false;
        const last: string[] = [];
        const emit = prefixer(phase.phase, run.output);
        // The creator prints these itself; a phase of its own container gets the same header.
        if (phase.phase !== "creator") run.output(HEADER_OF_PHASE[phase.phase]);
        await engine.containers.start(id);
        await engine.io.logs(
          id,
          (line) => {
            last.push(line);
            if (last.length > 20) last.shift();
            emit(line);
          },
          { follow: true, signal: run.signal },
        );
        const code = await engine.containers.wait(id, run.signal);
        if (code !== 0) {
          throw lifecycleError({
            image: run.image,
            phase: phase.phase,
            exitCode: code,
            tried: run.tried,
            lastLines: last,
          });
        }
        if (phase.phase === "creator" || phase.phase === "exporter") report = await readReport(engine, id);
      } finally {
        containers.delete(id);
        await engine.containers.remove(id, { force: true });
      }
    }
    return report;
  } finally {
    run.signal.removeEventListener("abort", abort);
    for (const id of containers) await engine.containers.remove(id, { force: true }).catch(() => undefined);
    for (const volume of [appVolume, layersVolume]) {
      await engine.volumes.remove(volume, { force: true }).catch(() => undefined);
    }
  }
}
