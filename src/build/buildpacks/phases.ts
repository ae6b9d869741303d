/**
 * The lifecycle invocations of one build, as data (pure): the creator alone for a trusted builder, else the
 * five phases (analyzer, detector, restorer, builder, exporter) each in its own container, with the flags of
 * the negotiated Platform API. Only the phases that need them get the engine socket (daemon export) or root.
 */
import { apiAtLeast } from "./platform-api.js";

/** A lifecycle phase binary in `/cnb/lifecycle`. */
export type Phase = "creator" | "analyzer" | "detector" | "restorer" | "builder" | "exporter";

/** One container to run. */
export interface PhaseRun {
  readonly phase: Phase;
  /** Arguments after `/cnb/lifecycle/<phase>`. */
  readonly args: readonly string[];
  /** Run as root (the lifecycle drops to -uid/-gid itself); else as the builder's CNB user. */
  readonly root: boolean;
  /** Mount the engine socket (daemon export) and the launch cache. */
  readonly daemon: boolean;
  /** May receive registry credentials (`CNB_REGISTRY_AUTH`): never a phase that runs buildpack code alone. */
  readonly credentials: boolean;
}

/** Mount points inside lifecycle containers (pack's layout). */
export const MOUNTS = {
  app: "/workspace",
  layers: "/layers",
  cache: "/cache",
  launchCache: "/launch-cache",
  platform: "/platform",
  order: "/layers/order.toml",
  report: "/layers/report.toml",
} as const;

/** What the plan depends on. */
export interface PhasePlanInputs {
  readonly platformApi: string;
  /** Trusted builder: one creator container. */
  readonly trusted: boolean;
  /** Export to the engine (true) or to the registry (false). */
  readonly daemon: boolean;
  /** The image to produce, then further tags. */
  readonly tags: readonly string[];
  readonly runImage: string;
  /** The image whose layer metadata the analyzer reads (the previous build), if any. */
  readonly previousImage?: string;
  readonly uid: number;
  readonly gid: number;
  /** Start from an empty cache (`clearCache`). */
  readonly clearCache: boolean;
  /** The buildpacks were chosen by the user: an order.toml sits at MOUNTS.order. */
  readonly customOrder: boolean;
  readonly insecureRegistries: readonly string[];
  readonly logLevel?: "debug" | "info" | "warn" | "error";
}

function common(inputs: PhasePlanInputs): string[] {
  return ["-log-level", inputs.logLevel ?? "info"];
}

function owner(inputs: PhasePlanInputs): string[] {
  return ["-uid", String(inputs.uid), "-gid", String(inputs.gid)];
}

function insecure(inputs: PhasePlanInputs): string[] {
  if (!apiAtLeast(inputs.platformApi, "0.13")) return [];
  return inputs.insecureRegistries.flatMap((r) => ["-insecure-registry", r]);
}

function daemonFlags(inputs: PhasePlanInputs, launchCache: boolean): string[] {
  if (!inputs.daemon) return [];
  return ["-daemon", ...(launchCache ? ["-launch-cache", MOUNTS.launchCache] : [])];
}

function previous(inputs: PhasePlanInputs): string[] {
  return inputs.previousImage === undefined ? [] : ["-previous-image", inputs.previousImage];
}

function order(inputs: PhasePlanInputs): string[] {
  return inputs.customOrder ? ["-order", MOUNTS.order] : [];
}

/** The containers to run, in order. */
export function planPhases(inputs: PhasePlanInputs): PhaseRun[] {
  const [image = "", ...more] = inputs.tags;
  const app = ["-app", MOUNTS.app];
  const layers = ["-layers", MOUNTS.layers];
  const platform = ["-platform", MOUNTS.platform];
  const cache = ["-cache-dir", MOUNTS.cache];
  if (inputs.trusted) {
    return [
      {
        phase: "creator",
        root: true,
        daemon: inputs.daemon,
        credentials: true,
        args: [
          ...app,
          ...layers,
          ...platform,
          ...cache,
          "-run-image",
          inputs.runImage,
          ...owner(inputs),
          ...daemonFlags(inputs, true),
          ...previous(inputs),
          ...order(inputs),
          ...(inputs.clearCache ? ["-skip-restore"] : []),
          ...more.flatMap((t) => ["-tag", t]),
          ...insecure(inputs),
          "-report",
          MOUNTS.report,
          ...common(inputs),
          image,
        ],
      },
    ];
  }
  const runs: PhaseRun[] = [
    {
      phase: "analyzer",
      root: true,
      daemon: inputs.daemon,
      credentials: true,
      args: [
        ...layers,
        "-run-image",
        inputs.runImage,
        ...owner(inputs),
        ...daemonFlags(inputs, apiAtLeast(inputs.platformApi, "0.9")),
        ...previous(inputs),
        ...(inputs.clearCache && apiAtLeast(inputs.platformApi, "0.9") ? ["-skip-layers"] : []),
        ...more.flatMap((t) => ["-tag", t]),
        ...insecure(inputs),
        ...common(inputs),
        image,
      ],
    },
    {
      phase: "detector",
      root: false,
      daemon: false,
      credentials: false,
      args: [...app, ...layers, ...platform, ...order(inputs), ...common(inputs)],
    },
  ];
  if (!inputs.clearCache) {
    runs.push({
      phase: "restorer",
      root: true,
      daemon: false,
      credentials: true,
      args: [...layers, ...cache, ...owner(inputs), ...common(inputs)],
    });
  }
  runs.push(
    {
      phase: "builder",
      root: false,
      daemon: false,
      credentials: false,
      args: [...app, ...layers, ...platform, ...common(inputs)],
    },
    {
      phase: "exporter",
      root: true,
      daemon: inputs.daemon,
      credentials: true,
      args: [
        ...app,
        ...layers,
        ...cache,
        ...owner(inputs),
        ...daemonFlags(inputs, true),
        ...insecure(inputs),
        "-report",
        MOUNTS.report,
        ...common(inputs),
        image,
        ...more,
      ],
    },
  );
  return runs;
}
