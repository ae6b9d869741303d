/** Container lifecycle through the engine: create, start, wait, stop, remove. */
import { isNotFound } from "./errors.js";
import { pathName } from "./image-ref.js";
import type { EngineTransport } from "./transport.js";
import type { ContainerRunner, ContainerSpec } from "./types.js";

/** `8080` or `127.0.0.1:8080` (the last colon splits, so `[::1]:8080` works too) as the engine's binding. */
function hostBinding(host: string): { HostIp: string; HostPort: string } {
  const colon = host.lastIndexOf(":");
  if (colon < 0) return { HostIp: "", HostPort: host };
  return { HostIp: host.slice(0, colon).replace(/^\[|\]$/g, ""), HostPort: host.slice(colon + 1) };
}

function createBody(spec: ContainerSpec): string {
  const ports = Object.entries(spec.ports ?? {});
  return JSON.stringify({
    Image: spec.image,
    Cmd: spec.cmd,
    Entrypoint: spec.entrypoint,
    Env: spec.env,
    User: spec.user,
    WorkingDir: spec.workingDir,
    Labels: spec.labels,
    ExposedPorts: ports.length === 0 ? undefined : Object.fromEntries(ports.map(([port]) => [port, {}])),
    HostConfig: {
      NetworkMode: spec.network,
      Binds: spec.binds,
      AutoRemove: spec.autoRemove,
      PortBindings:
        ports.length === 0
          ? undefined
          : Object.fromEntries(ports.map(([port, host]) => [port, [hostBinding(host)]])),
    },
  });
}

/** The engine's container lifecycle operations. */
export function engineContainerRunner(transport: EngineTransport): ContainerRunner {
  return {
    async create(spec) {
      const created = await transport.json<{ Id: string }>(
        { method: "POST", path: "/containers/create", query: { name: spec.name }, body: createBody(spec) },
        `creating a container from ${spec.image}`,
      );
      return created.Id;
    },

    async start(id) {
      await transport.empty(
        { method: "POST", path: `/containers/${pathName(id)}/start` },
        `starting container ${id}`,
      );
    },

    async wait(id, signal) {
      const result = await transport.json<{ StatusCode: number; Error?: { Message?: string } | null }>(
        {
          method: "POST",
          path: `/containers/${pathName(id)}/wait`,
          query: { condition: "not-running" },
          ...(signal === undefined ? {} : { signal }),
        },
        `waiting for container ${id}`,
      );
      return result.StatusCode;
    },

    async stop(id, timeoutSeconds) {
      await transport.empty(
        { method: "POST", path: `/containers/${pathName(id)}/stop`, query: { t: timeoutSeconds } },
        `stopping container ${id}`,
      );
    },

    async remove(id, options = {}) {
      try {
        await transport.empty(
          {
            method: "DELETE",
            path: `/containers/${pathName(id)}`,
            query: { force: options.force === true, v: true },
          },
          `removing container ${id}`,
        );
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
  };
}
