/** Named volumes through the engine: create (idempotent), inspect, remove. */
import { isNotFound } from "./errors.js";
import { pathName } from "./image-ref.js";
import type { EngineTransport } from "./transport.js";
import type { VolumeStore } from "./types.js";

/** The engine's named-volume operations. */
export function engineVolumeStore(transport: EngineTransport): VolumeStore {
  return {
    async create(name, labels = {}) {
      await transport.json<unknown>(
        { method: "POST", path: "/volumes/create", body: JSON.stringify({ Name: name, Labels: labels }) },
        `creating volume ${name}`,
      );
    },

    async exists(name) {
      try {
        await transport.json<unknown>(
          { method: "GET", path: `/volumes/${pathName(name)}` },
          `inspecting volume ${name}`,
        );
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },

    async remove(name, options = {}) {
      try {
        await transport.empty(
          { method: "DELETE", path: `/volumes/${pathName(name)}`, query: { force: options.force === true } },
          `removing volume ${name}`,
        );
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
  };
}
