/** Reachability and identity of the engine (`/_ping`, `/version`). */
import type { EngineTransport } from "./transport.js";
import type { EngineInfo } from "./types.js";

interface RawVersion {
  readonly Version?: string;
  readonly ApiVersion?: string;
  readonly Os?: string;
  readonly Arch?: string;
  readonly Experimental?: boolean;
}

/** The engine's ping and version endpoints. */
export function engineInfo(transport: EngineTransport): EngineInfo {
  return {
    async ping(signal) {
      await transport.empty(
        { method: "GET", path: "/_ping", ...(signal === undefined ? {} : { signal }) },
        "pinging the Docker daemon",
      );
    },
    async version(signal) {
      const raw = await transport.json<RawVersion>(
        { method: "GET", path: "/version", ...(signal === undefined ? {} : { signal }) },
        "reading the Docker daemon's version",
      );
      return {
        version: raw.Version ?? "",
        apiVersion: raw.ApiVersion ?? "",
        os: raw.Os ?? "",
        arch: raw.Arch ?? "",
        experimental: raw.Experimental === true,
      };
    },
    apiVersion(signal) {
      return transport.apiVersion(signal);
    },
  };
}
