/** Networks (create, remove, list by label) and container listing by label, through the engine. */
import { isNotFound } from "./errors.js";
import { pathName } from "./image-ref.js";
import type { EngineTransport } from "./transport.js";
import type { ContainerFinder, NetworkManager } from "./types.js";

/** The engine's `filters` query value for a label selector (`{"label":["k=v","k2"]}`). */
export function labelFilter(labels: Readonly<Record<string, string>>): string {
  const label = Object.entries(labels).map(([key, value]) => (value === "" ? key : `${key}=${value}`));
  return JSON.stringify({ label });
}

interface RawContainer {
  readonly Id: string;
  readonly Names?: readonly string[] | null;
  readonly Image?: string;
  readonly State?: string;
  readonly Labels?: Readonly<Record<string, string>> | null;
}

interface RawNetwork {
  readonly Id: string;
  readonly Name: string;
  readonly Labels?: Readonly<Record<string, string>> | null;
}

/** Lists containers, stopped ones included, by label. */
export function engineContainerFinder(transport: EngineTransport): ContainerFinder {
  return {
    async list(labels, signal) {
      const raw = await transport.json<RawContainer[]>(
        {
          method: "GET",
          path: "/containers/json",
          query: { all: true, filters: labelFilter(labels) },
          ...(signal === undefined ? {} : { signal }),
        },
        "listing containers",
      );
      return raw.map((c) => ({
        id: c.Id,
        name: (c.Names?.[0] ?? c.Id).replace(/^\//, ""),
        image: c.Image ?? "",
        state: c.State ?? "",
        labels: c.Labels ?? {},
      }));
    },
  };
}

/** User-defined bridge networks. */
export function engineNetworks(transport: EngineTransport): NetworkManager {
  const list = async (labels: Readonly<Record<string, string>>): Promise<RawNetwork[]> =>
    transport.json<RawNetwork[]>(
      { method: "GET", path: "/networks", query: { filters: labelFilter(labels) } },
      "listing networks",
    );
  return {
    async create(name, labels) {
      const existing = await transport.json<RawNetwork[]>(
        { method: "GET", path: "/networks", query: { filters: JSON.stringify({ name: [name] }) } },
        "listing networks",
      );
      const same = existing.find((n) => n.Name === name);
      if (same !== undefined) return same.Id;
      const created = await transport.json<{ Id: string }>(
        {
          method: "POST",
          path: "/networks/create",
          body: JSON.stringify({ Name: name, Driver: "bridge", Labels: labels, CheckDuplicate: true }),
        },
        `creating network ${name}`,
      );
      return created.Id;
    },

    async remove(nameOrId) {
      try {
        await transport.empty(
          { method: "DELETE", path: `/networks/${pathName(nameOrId)}` },
          `removing network ${nameOrId}`,
        );
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },

    async list(labels) {
      return (await list(labels)).map((n) => ({ id: n.Id, name: n.Name, labels: n.Labels ?? {} }));
    },
  };
}
