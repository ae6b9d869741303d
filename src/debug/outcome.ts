// The common ending of every port-based runtime transform: expose the debug port and report it.

import { exposePort } from "./ports.js";
import type { ContainerSpec, Runtime, SupportImage, TransformOutcome } from "./types.js";

/**
 * A successful outcome that exposes `port` under `protocol` and records it in the debug configuration.
 * Port 0 (a debugger told to pick its own port) cannot be exposed or forwarded, so it is left out.
 */
export function exposeDebugPort(
  container: ContainerSpec,
  runtime: Runtime,
  protocol: string,
  port: number,
  supportImage: SupportImage | undefined,
): TransformOutcome {
  if (port <= 0) return { ok: true, container, debug: { runtime }, supportImage };
  return {
    ok: true,
    container: { ...container, ports: exposePort(container.ports, protocol, port) },
    debug: { runtime, ports: { [protocol]: port } },
    supportImage,
  };
}
