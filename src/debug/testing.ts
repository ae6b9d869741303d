// Test helpers for the debug transforms (used by the *.test.ts files beside them).

import type { ContainerSpec, PortAllocator } from "./types.js";

/** The allocator Skaffold's tests use: every desired port is free. */
export const identityPorts: PortAllocator = (port) => port;

/** A container with no command, args, env or ports, plus the given fields. */
export function container(fields: Partial<ContainerSpec> = {}): ContainerSpec {
  return { name: "", image: "", env: [], ports: [], ...fields };
}

/** The value as JSON would carry it: keys whose value is undefined disappear, for deep comparisons. */
export function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** The command line the go transform puts before the program, with Delve on its default port. */
export const DLV: readonly string[] = [
  "/dbg/go/bin/dlv",
  "exec",
  "--headless",
  "--continue",
  "--accept-multiclient",
  "--listen=:56268",
  "--api-version=2",
];
