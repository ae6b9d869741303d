/**
 * `deploy.docker`: runs the images as containers on the local Docker engine, one network per run
 * (`skaffold-network-<run id>`), labelled with the run's labels so that cleanup and `trestle delete` find them.
 */
import type { DockerDeploy } from "../../config/schema/deploy.js";
import type { PortForwardResource } from "../../config/schema/port-forward.js";
import type { DockerDaemon } from "../../docker/index.js";
import { TrestleError, userError } from "../../errors/errors.js";
import type { CleanupRequest, DeployedResource, Deployer, DeployRequest, DeployResult } from "../types.js";
import {
  dockerAttachLines,
  prepareDockerDebug,
  supportVolume,
  type DebugContainerOverrides,
  type DockerDebugSettings,
} from "./debug.js";
import { freePort } from "./free-port.js";
import {
  DOCKER_IMAGE_LABEL,
  networkName,
  planContainers,
  withoutDigest,
  type ContainerPlan,
} from "./plan.js";

/** The engine roles the Docker deployer uses. */
export type DockerDeployEngine = Pick<
  DockerDaemon,
  "images" | "registry" | "containers" | "finder" | "networks" | "io" | "volumes"
>;

/** Where the Docker deployer's config and engine come from. */
export interface DockerDeployerOptions {
  readonly config: DockerDeploy;
  readonly portForward: readonly PortForwardResource[];
  /** `app.kubernetes.io/managed-by` value that marks our containers. */
  readonly managedBy: string;
  readonly engine: () => DockerDeployEngine;
  /** Under `trestle debug`: rewrite the containers for debuggers (src/debug/docker.ts). */
  readonly debug?: DockerDebugSettings | undefined;
}

const MANAGED_BY = "app.kubernetes.io/managed-by";

function containerResource(name: string): DeployedResource {
  return { deployer: "docker", apiVersion: "docker/v1", kind: "Container", name };
}

/** The reference the engine has (the built tag, else the tag without its digest), pulling it when absent. */
async function localReference(
  engine: DockerDeployEngine,
  reference: string,
  output: (line: string) => void,
  signal: AbortSignal,
): Promise<string> {
  for (const candidate of new Set([reference, withoutDigest(reference)])) {
    if ((await engine.images.inspect(candidate, signal)) !== undefined) return candidate;
  }
  output(`Pulling ${reference}`);
  await engine.registry.pull(reference, () => undefined, { signal });
  return reference;
}

async function removeContainers(
  engine: DockerDeployEngine,
  labels: Record<string, string>,
): Promise<string[]> {
  const found = await engine.finder.list(labels);
  for (const container of found) await engine.containers.remove(container.id, { force: true });
  return found.map((c) => c.name);
}

/** Runs `deploy.docker.images` on the local engine. */
export function dockerDeployer(options: DockerDeployerOptions): Deployer {
  const images = options.config.images;
  const ours = (imageName: string): Record<string, string> => ({
    [MANAGED_BY]: options.managedBy,
    [DOCKER_IMAGE_LABEL]: imageName,
  });

  async function start(
    engine: DockerDeployEngine,
    plan: ContainerPlan,
    network: string,
    request: DeployRequest,
  ): Promise<void> {
    const reference = await localReference(engine, plan.reference, request.output, request.signal);
    const details = await engine.images.inspect(reference, request.signal);
    let bindings = plan.ports;
    if (bindings.length === 0) {
      const exposed = details?.exposedPorts ?? [];
      bindings = exposed.map((port) => ({ containerPort: port, address: "127.0.0.1", hostPort: undefined }));
    }
    let debug: DebugContainerOverrides | undefined;
    if (options.debug !== undefined && details !== undefined) {
      debug = await prepareDockerDebug(
        engine,
        { name: plan.name, imageName: plan.imageName, reference },
        details,
        options.debug,
        { labels: plan.labels, output: request.output, signal: request.signal },
      );
      const taken = new Set(bindings.map((b) => b.containerPort));
      for (const port of debug?.ports.values() ?? []) {
        if (!taken.has(port))
          bindings = [...bindings, { containerPort: port, address: "127.0.0.1", hostPort: undefined }];
      }
    }
    const ports: Record<string, string> = {};
    const shown: string[] = [];
    const hostPorts = new Map<string, number>();
    for (const binding of bindings) {
      const host = await freePort(binding.address, binding.hostPort);
      if (binding.hostPort !== undefined && host !== binding.hostPort)
        request.output(`Local port ${String(binding.hostPort)} is taken; using ${String(host)} instead.`);
      ports[binding.containerPort] = `${binding.address}:${String(host)}`;
      shown.push(`${binding.containerPort} -> ${binding.address}:${String(host)}`);
      hostPorts.set(binding.containerPort, host);
    }
    const id = await engine.containers.create({
      image: reference,
      name: plan.name,
      labels: { ...plan.labels, ...debug?.labels },
      network,
      ports,
      ...(debug === undefined
        ? {}
        : {
            ...(debug.entrypoint === undefined ? {} : { entrypoint: debug.entrypoint }),
            ...(debug.cmd === undefined ? {} : { cmd: debug.cmd }),
            ...(debug.env.length === 0 ? {} : { env: debug.env }),
            ...(debug.binds.length === 0 ? {} : { binds: debug.binds }),
          }),
    });
    try {
      await engine.containers.start(id);
    } catch (error) {
      await engine.containers.remove(id, { force: true });
      throw error;
    }
    request.onApplied([containerResource(plan.name)]);
    request.output(
      `Container ${plan.name} started from ${reference}${shown.length > 0 ? ` (ports ${shown.join(", ")})` : ""}`,
    );
    if (debug !== undefined)
      for (const line of dockerAttachLines(plan.name, debug, hostPorts)) request.output(line);
  }

  return {
    kind: "docker",

    async deploy(request): Promise<DeployResult> {
      if (options.config.useCompose === true) {
        throw userError(
          "DOCKER_COMPOSE_UNSUPPORTED",
          "deploy.docker.useCompose is not supported",
          "Remove `useCompose` (Skaffold does not implement it either); the images run as plain containers.",
        );
      }
      const engine = options.engine();
      const plans = planContainers(images, request.builds, options.portForward, request.labels);
      // A redeploy replaces the containers of an earlier deploy of the same images.
      for (const plan of plans) await removeContainers(engine, ours(plan.imageName));
      const network = networkName(request.runId);
      await engine.networks.create(network, request.labels);
      request.onApplied([{ deployer: "docker", apiVersion: "docker/v1", kind: "Network", name: network }]);
      for (const plan of plans) {
        if (request.signal.aborted) {
          throw request.signal.reason instanceof Error
            ? request.signal.reason
            : new TrestleError("deploy interrupted", { kind: "user", code: "INTERRUPTED" });
        }
        await start(engine, plan, network, request);
      }
      return {
        resources: [
          { deployer: "docker", apiVersion: "docker/v1", kind: "Network", name: network },
          ...plans.map((p) => containerResource(p.name)),
        ],
        namespaces: [],
      };
    },

    async cleanup(request: CleanupRequest): Promise<void> {
      const engine = options.engine();
      for (const imageName of images) {
        const found = await engine.finder.list(ours(imageName), request.signal);
        for (const container of found) {
          request.output(`${request.dryRun ? "Would remove" : "Removing"} container ${container.name}`);
          if (!request.dryRun) await engine.containers.remove(container.id, { force: true });
        }
      }
      // Debug support volumes (absent unless a debug session ran these images).
      if (!request.dryRun) {
        for (const plan of planContainers(images, [], [], {}))
          await engine.volumes.remove(supportVolume(plan.name), { force: true });
      }
      // The run networks: ours by label and name; one still in use (another project's run) is left alone.
      const networks = (await engine.networks.list({ [MANAGED_BY]: options.managedBy })).filter((n) =>
        n.name.startsWith("skaffold-network-"),
      );
      for (const network of networks) {
        if (request.dryRun) {
          request.output(`Would remove network ${network.name} (if unused)`);
          continue;
        }
        if (await removeNetworkIfUnused(engine, network.name))
          request.output(`Removed network ${network.name}`);
      }
    },

    dependencies: () => Promise.resolve([]),
  };
}

/** Removes a network unless containers still use it; says whether it was removed. */
async function removeNetworkIfUnused(engine: DockerDeployEngine, name: string): Promise<boolean> {
  try {
    await engine.networks.remove(name);
    return true;
  } catch (error) {
    if (error instanceof TrestleError && error.code === "DOCKER_CONFLICT") return false;
    throw error;
  }
}
