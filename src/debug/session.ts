// What `trestle debug` does with rendered manifests: rewrite them for debugging, list the debug ports the
// session forwards, and say for each how to attach. Pure; the command fetches the image configs.

import { applyDebugTransforms, type DebugTransformOptions } from "./apply.js";
import { attachTargets, describeProtocol, type AttachTarget } from "./attach.js";
import type { ImageConfiguration } from "./types.js";
import type { DebugWarning } from "./types.js";

/** The rewritten manifests, what the transforms had to say, and every debug port to forward. */
export interface DebugPlan {
  readonly manifests: readonly unknown[];
  readonly warnings: readonly DebugWarning[];
  readonly targets: readonly AttachTarget[];
}

/** Rewrites `manifests` for the images of `images` (keyed by built reference) and lists their debug ports. */
export function planDebug(
  manifests: readonly unknown[],
  images: ReadonlyMap<string, ImageConfiguration>,
  options: DebugTransformOptions = {},
): DebugPlan {
  const result = applyDebugTransforms(manifests, images, options);
  return { ...result, targets: attachTargets(result.manifests) };
}

/** A warning of the transforms as one line. */
export function warningLine(warning: DebugWarning): string {
  const where =
    warning.container === undefined
      ? warning.resource
      : `${warning.resource} (container ${warning.container})`;
  return `debug: ${where}: ${warning.message}`;
}

/**
 * The line that tells how to attach to one debug port, e.g.
 * `Debug deployment.apps/web container web (go): dlv on 127.0.0.1:56268 - Delve (dlv connect, …)`;
 * without a local port, it names the container port to forward by hand.
 */
export function attachLine(target: AttachTarget, localPort: number | undefined): string {
  const where =
    localPort === undefined
      ? `container port ${String(target.port)} (not forwarded: kubectl port-forward ${target.resource} <local>:${String(target.port)})`
      : `127.0.0.1:${String(localPort)}`;
  return `Debug ${target.resource} container ${target.container} (${target.runtime}): ${target.protocol} on ${where} - ${describeProtocol(target.protocol)}`;
}

/** Parses an attach line back (for tests and scripts): the resource, container, protocol and local port. */
export function parseAttachLine(
  line: string,
): { resource: string; container: string; runtime: string; protocol: string; localPort: number } | undefined {
  const match = /^Debug (\S+) container (\S+) \(([^)]*)\): (\S+) on 127\.0\.0\.1:(\d+) - /.exec(line);
  if (match === null) return undefined;
  const [, resource = "", container = "", runtime = "", protocol = "", port = ""] = match;
  return { resource, container, runtime, protocol, localPort: Number(port) };
}

/** A port forward as the session's forwarder lists it (`pod/web-7d9c-x2`, remote port, local port). */
export interface ForwardEntry {
  readonly resource: string;
  readonly namespace: string;
  readonly remotePort: number | string;
  readonly localPort: number;
  /** The pod connections go to now; undefined while none is ready. */
  readonly pod?: string | undefined;
}

/**
 * The local port that reaches a target's debug port: a forward of the workload itself, or of one of its pods
 * (named `<workload>-…`), preferring one whose pod is live, then the newest (last listed). `namespaces`
 * are the deployed namespaces, used when the manifest names none.
 */
export function forwardedPort(
  target: AttachTarget,
  forwards: readonly ForwardEntry[],
  namespaces: readonly string[],
): number | undefined {
  const kind = target.resource.split("/")[0]?.split(".")[0] ?? "";
  const matching = forwards.filter((f) => {
    if (Number(f.remotePort) !== target.port) return false;
    if (
      target.namespace !== undefined
        ? f.namespace !== target.namespace
        : namespaces.length > 0 && !namespaces.includes(f.namespace)
    )
      return false;
    const [type = "", name = ""] = f.resource.split("/");
    if (type === "pod") return kind === "pod" ? name === target.name : name.startsWith(`${target.name}-`);
    return type.toLowerCase() === kind && name === target.name;
  });
  const live = matching.filter((f) => f.pod !== undefined);
  return (live.length > 0 ? live : matching).at(-1)?.localPort;
}
