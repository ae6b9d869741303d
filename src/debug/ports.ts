// Debug ports: exposing them on a container and choosing ones the pod does not already use.

import type { ContainerPort } from "./types.js";

const LOWEST_UNRESERVED = 1024;
const HIGHEST_PORT = 65535;

/**
 * Exposes `port` under `name`: an entry with that name is moved to the port, entries of other names on the
 * same port are dropped (names and ports must be unique in a pod), otherwise a new entry is appended.
 */
export function exposePort(ports: readonly ContainerPort[], name: string, port: number): ContainerPort[] {
  let found = false;
  const result: ContainerPort[] = [];
  for (const entry of ports) {
    if (entry.name === name) {
      found = true;
      result.push({ ...entry, containerPort: port });
    } else if (entry.containerPort !== port) {
      result.push(entry);
    }
  }
  return found ? result : [...result, { name, containerPort: port }];
}

/**
 * Finds a port near `desired` for which `isAvailable` holds: reserved (< 1024) and out-of-range requests
 * start at 1024; the search goes up to 65534, then down to 1025. Throws only if every port is taken.
 */
export function allocatePort(isAvailable: (port: number) => boolean, desired: number): number {
  const start = desired < LOWEST_UNRESERVED || desired > HIGHEST_PORT ? LOWEST_UNRESERVED : desired;
  for (let port = start; port < HIGHEST_PORT; port++) {
    if (isAvailable(port)) return port;
  }
  for (let port = start; port > LOWEST_UNRESERVED; port--) {
    if (isAvailable(port)) return port;
  }
  throw new Error(`no free container port near ${desired}`);
}
