// The debug transforms for containers that run on a Docker engine (`deploy.docker`): the same runtime
// rewrites as for pods, expressed as what to pass to the engine: an entrypoint/cmd override, environment,
// ports to publish, the support images to run first into a volume, and where to mount it.

import { encodeDebugAnnotation, DEBUG_CONFIG_ANNOTATION } from "./annotation.js";
import { SUPPORT_MOUNT_PATH } from "./pod-spec.js";
import { allocatePort } from "./ports.js";
import { transformContainer } from "./transform-container.js";
import type { ContainerDebugConfiguration, EnvVar, ImageConfiguration } from "./types.js";

/** How to run one container of the Docker deployer for debugging. */
export interface DockerDebugPlan {
  /** Replaces the image's ENTRYPOINT when defined. */
  readonly entrypoint?: readonly string[] | undefined;
  /** Replaces the image's CMD when defined. */
  readonly cmd?: readonly string[] | undefined;
  /** `NAME=value` entries to set (they override the image's). */
  readonly env: readonly string[];
  /** Container ports (`56268/tcp`) to publish, one per debug protocol. */
  readonly ports: readonly string[];
  /** Support images (`<helpersRegistry>/<id>`) to run to completion, in order, with the volume at /dbg. */
  readonly supportImages: readonly string[];
  /** Where the support volume goes in the container (undefined when no support image is needed). */
  readonly supportMountPath?: string | undefined;
  /** The debug configuration, also as Skaffold's annotation text (a label on the container). */
  readonly debug: ContainerDebugConfiguration;
  readonly labels: Readonly<Record<string, string>>;
}

/** The outcome for one container: a plan, or why it is run as usual. */
export type DockerDebugOutcome =
  { readonly ok: true; readonly plan: DockerDebugPlan } | { readonly ok: false; readonly reason: string };

function changedEnv(before: readonly EnvVar[], after: readonly EnvVar[]): string[] {
  const old = new Map(before.map((e) => [e.name, e.value]));
  return after.filter((e) => old.get(e.name) !== e.value).map((e) => `${e.name}=${e.value}`);
}

/**
 * Plans the debug run of a container named `name` running an image with configuration `image`.
 * `usedPorts` are container ports already taken (e.g. the image's EXPOSEd ones).
 */
export function planDockerDebug(
  name: string,
  reference: string,
  image: ImageConfiguration,
  options: {
    readonly helpersRegistry: string;
    readonly protocols?: readonly string[];
    readonly usedPorts?: readonly number[];
  },
): DockerDebugOutcome {
  const used = new Set(options.usedPorts ?? []);
  const container = { name, image: reference, env: [], ports: [] };
  const allocate = (desired: number): number => allocatePort((port) => !used.has(port), desired);
  const outcome = transformContainer(container, image, allocate, options.protocols ?? []);
  if (!outcome.ok) return outcome;
  const result = outcome.container;
  const support = outcome.supportImage;
  return {
    ok: true,
    plan: {
      entrypoint: result.command,
      cmd: result.args,
      env: changedEnv(container.env, result.env),
      ports: result.ports.map((p) => `${String(p.containerPort)}/${(p.protocol ?? "TCP").toLowerCase()}`),
      supportImages: support === undefined ? [] : [`${options.helpersRegistry}/${support}`],
      supportMountPath: support === undefined ? undefined : SUPPORT_MOUNT_PATH,
      debug: outcome.debug,
      labels: { [DEBUG_CONFIG_ANNOTATION]: encodeDebugAnnotation(new Map([[name, outcome.debug]])) },
    },
  };
}
