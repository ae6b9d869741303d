/**
 * What the Docker deployer runs, decided without the engine: one container per `deploy.docker.images` entry,
 * named after the image, on the run's network, with the run's labels and port bindings from the
 * `portForward` entries of `resourceType: container` (else every `EXPOSE`d port on a free local port).
 */
import type { BuildOutputEntry } from "../../build/types.js";
import type { PortForwardResource } from "../../config/schema/port-forward.js";
import { userError } from "../../errors/errors.js";

/** Label naming the `deploy.docker.images` entry a container runs, so `delete` finds it in a later process. */
export const DOCKER_IMAGE_LABEL = "trestle.dev/docker-image";

/** Skaffold's network name for a run. */
export function networkName(runId: string): string {
  return `skaffold-network-${runId}`;
}

/** A container name from an image name: its last path segment, without tag or digest, made DNS-safe. */
export function containerName(imageName: string): string {
  const last = imageName.split("@")[0]?.split("/").pop() ?? imageName;
  const base = last.split(":")[0] ?? last;
  const safe = base
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "");
  return safe === "" ? "app" : safe;
}

/** One port binding: the container's port and where it is published on the host. */
export interface PortBinding {
  /** `8080/tcp`. */
  readonly containerPort: string;
  readonly address: string;
  /** undefined: pick a free one. */
  readonly hostPort: number | undefined;
}

/** One container to run. */
export interface ContainerPlan {
  readonly imageName: string;
  /** The reference to run (the built tag, or the image name when nothing was built). */
  readonly reference: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Bindings from `portForward`; empty means "publish what the image exposes". */
  readonly ports: readonly PortBinding[];
}

function withProtocol(port: string | number): string {
  const text = String(port);
  return text.includes("/") ? text : `${text}/tcp`;
}

/** The bindings `portForward` asks for this container (`resourceType: container`, `resourceName` = its name). */
export function userBindings(
  name: string,
  imageName: string,
  portForward: readonly PortForwardResource[],
): PortBinding[] {
  return portForward
    .filter((pf) => pf.resourceType?.toLowerCase() === "container")
    .filter((pf) => pf.resourceName === name || pf.resourceName === imageName)
    .map((pf) => {
      if (pf.port === undefined || (typeof pf.port === "string" && !/^\d+(\/\w+)?$/.test(pf.port))) {
        throw userError(
          "DOCKER_PORT_INVALID",
          `portForward for container ${name}: port ${String(pf.port)} is not a port number`,
          "Containers have no named ports: give `port` as a number, e.g. 8080.",
        );
      }
      const local = pf.localPort ?? (typeof pf.port === "number" ? pf.port : Number.parseInt(pf.port, 10));
      return { containerPort: withProtocol(pf.port), address: pf.address ?? "127.0.0.1", hostPort: local };
    });
}

/** The containers of one deploy, in `deploy.docker.images` order. */
export function planContainers(
  images: readonly string[],
  builds: readonly BuildOutputEntry[],
  portForward: readonly PortForwardResource[],
  labels: Readonly<Record<string, string>>,
): ContainerPlan[] {
  const names = new Map<string, number>();
  return images.map((imageName) => {
    const built = builds.find((b) => b.imageName === imageName);
    const base = containerName(imageName);
    const seen = names.get(base) ?? 0;
    names.set(base, seen + 1);
    const name = seen === 0 ? base : `${base}-${String(seen + 1)}`;
    return {
      imageName,
      reference: built?.tag ?? imageName,
      name,
      labels: { ...labels, [DOCKER_IMAGE_LABEL]: imageName },
      ports: userBindings(name, imageName, portForward),
    };
  });
}

/** A reference without its `@sha256:…` part, for engines that stored the image by tag only. */
export function withoutDigest(reference: string): string {
  const at = reference.indexOf("@");
  return at < 0 ? reference : reference.slice(0, at);
}
