/**
 * `deploy.docker` under `trestle debug`: each container's image config goes through the debug transforms
 * (`planDockerDebug`); the support files are installed into a named volume by running the support image
 * to completion with the volume at `/dbg`, and the container then runs with the debugger's entrypoint/cmd,
 * environment, the volume mounted, and the debug ports published on free local ports.
 */
import { imageConfigurationFromOci } from "../../debug/image-config.js";
import { planDockerDebug, type DockerDebugPlan } from "../../debug/docker.js";
import { attachLine } from "../../debug/session.js";
import type { DockerDaemon, ImageDetails } from "../../docker/index.js";
import { externalError } from "../../errors/errors.js";

/** What `trestle debug` tells the Docker deployer. */
export interface DockerDebugSettings {
  /** Registry of the support images, `<registry>/{go,nodejs,python,netcore}`. */
  readonly helpersRegistry: string;
  readonly protocols: readonly string[];
  /** The artifacts' `runtimeType`, by image name. */
  readonly runtimeTypes: ReadonlyMap<string, string | undefined>;
}

/** The engine roles debugging uses. */
export type DockerDebugEngine = Pick<DockerDaemon, "images" | "registry" | "containers" | "io" | "volumes">;

/** How the container is created differently under debug; undefined fields keep the image's. */
export interface DebugContainerOverrides {
  readonly entrypoint?: readonly string[] | undefined;
  readonly cmd?: readonly string[] | undefined;
  readonly env: readonly string[];
  readonly binds: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  /** Container ports (`56268/tcp`) to publish, by debug protocol. */
  readonly ports: ReadonlyMap<string, string>;
  readonly plan: DockerDebugPlan;
}

/** The named volume holding a container's debug support files. */
export function supportVolume(containerName: string): string {
  return `trestle-debug-${containerName}`;
}

function exposedPortNumbers(details: ImageDetails): number[] {
  return (details.exposedPorts ?? [])
    .map((p) => Number.parseInt(p, 10))
    .filter((p) => Number.isInteger(p) && p > 0);
}

/** Runs one support image to completion with `volume` at `mountPath`; fails with its output otherwise. */
async function installSupport(
  engine: DockerDebugEngine,
  image: string,
  volume: string,
  mountPath: string,
  labels: Readonly<Record<string, string>>,
  output: (line: string) => void,
  signal: AbortSignal,
): Promise<void> {
  if ((await engine.images.inspect(image, signal)) === undefined) {
    output(`Pulling ${image}`);
    await engine.registry.pull(image, () => undefined, { signal });
  }
  const id = await engine.containers.create({ image, binds: [`${volume}:${mountPath}`], labels });
  try {
    await engine.containers.start(id);
    const code = await engine.containers.wait(id, signal);
    if (code !== 0) {
      const lines: string[] = [];
      await engine.io.logs(id, (line) => lines.push(line)).catch(() => undefined);
      throw externalError(
        "DEBUG_SUPPORT_FAILED",
        `debug support image ${image} exited with ${String(code)}: ${lines.slice(-5).join(" | ")}`,
        "Check --debug-helpers-registry (or the global config's debug-helpers-registry): each image must copy its files into /dbg.",
      );
    }
  } finally {
    await engine.containers.remove(id, { force: true }).catch(() => undefined);
  }
}

/**
 * Plans and prepares the debug run of container `name` from image `details`: installs its support files
 * and returns the overrides, or undefined (with a line saying why) when the image is not debuggable.
 */
export async function prepareDockerDebug(
  engine: DockerDebugEngine,
  container: { readonly name: string; readonly imageName: string; readonly reference: string },
  details: ImageDetails,
  settings: DockerDebugSettings,
  io: {
    readonly labels: Readonly<Record<string, string>>;
    readonly output: (line: string) => void;
    readonly signal: AbortSignal;
  },
): Promise<DebugContainerOverrides | undefined> {
  const config = imageConfigurationFromOci(
    container.imageName,
    settings.runtimeTypes.get(container.imageName),
    {
      ...(details.author === undefined ? {} : { author: details.author }),
      config: {
        Env: details.env,
        Entrypoint: details.entrypoint,
        Cmd: details.cmd,
        Labels: details.labels,
        WorkingDir: details.workingDir,
      },
    },
  );
  const outcome = planDockerDebug(container.name, container.reference, config, {
    helpersRegistry: settings.helpersRegistry,
    protocols: settings.protocols,
    usedPorts: exposedPortNumbers(details),
  });
  if (!outcome.ok) {
    io.output(`Container ${container.name} is not rewritten for debugging: ${outcome.reason}`);
    return undefined;
  }
  const plan = outcome.plan;
  const volume = supportVolume(container.name);
  const binds: string[] = [];
  if (plan.supportMountPath !== undefined && plan.supportImages.length > 0) {
    await engine.volumes.create(volume, io.labels);
    for (const image of plan.supportImages)
      await installSupport(engine, image, volume, plan.supportMountPath, io.labels, io.output, io.signal);
    binds.push(`${volume}:${plan.supportMountPath}`);
  }
  const ports = new Map<string, string>();
  for (const [protocol, port] of Object.entries(plan.debug.ports ?? {}))
    ports.set(protocol, `${String(port)}/tcp`);
  return {
    entrypoint: plan.entrypoint,
    cmd: plan.cmd,
    env: plan.env,
    binds,
    labels: plan.labels,
    ports,
    plan,
  };
}

/** The attach line of each published debug port (`hostPorts`: container port → local port). */
export function dockerAttachLines(
  name: string,
  overrides: DebugContainerOverrides,
  hostPorts: ReadonlyMap<string, number>,
): string[] {
  const runtime = overrides.plan.debug.runtime ?? "";
  return [...overrides.ports].map(([protocol, containerPort]) =>
    attachLine(
      {
        resource: `container/${name}`,
        name,
        container: name,
        runtime,
        protocol,
        port: Number.parseInt(containerPort, 10),
      },
      hostPorts.get(containerPort),
    ),
  );
}
