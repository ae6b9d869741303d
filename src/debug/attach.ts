// What a debugger can attach to after the transforms: one entry per debug port of each annotated
// container, read back from the `debug.cloud.google.com/config` annotations of the rewritten manifests.

import { DEBUG_CONFIG_ANNOTATION } from "./annotation.js";
import { isObject, objectAt, stringAt } from "./json.js";
import { identify, workloadKind } from "./workloads.js";

/** One debug port of one container, as the annotation describes it. */
export interface AttachTarget {
  /** The workload, as `kind[.group]/name` (`deployment.apps/web`). */
  readonly resource: string;
  /** The workload's name (pods of a Deployment `web` are named `web-…`). */
  readonly name: string;
  readonly namespace?: string | undefined;
  readonly container: string;
  /** The skaffold.yaml image name the container runs. */
  readonly artifact?: string | undefined;
  readonly runtime: string;
  /** `dlv`, `devtools`, `dap`, `pydevd`, `jdwp`… */
  readonly protocol: string;
  readonly port: number;
  readonly workingDir?: string | undefined;
}

function parseAnnotation(value: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(value);
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** The debug ports of every annotated pod template in `manifests`, in manifest and container order. */
export function attachTargets(manifests: readonly unknown[]): AttachTarget[] {
  const targets: AttachTarget[] = [];
  for (const manifest of manifests) {
    if (!isObject(manifest)) continue;
    const kind = workloadKind(manifest);
    if (kind === undefined) continue;
    const identity = identify(manifest);
    const metadata = objectAt(manifest, "metadata") ?? {};
    const name = stringAt(metadata, "name") ?? "";
    const namespace = stringAt(metadata, "namespace");
    for (const template of kind.podTemplates(manifest)) {
      const annotation = stringAt(objectAt(template.metadata, "annotations") ?? {}, DEBUG_CONFIG_ANNOTATION);
      if (annotation === undefined) continue;
      for (const [container, entry] of Object.entries(parseAnnotation(annotation))) {
        if (!isObject(entry)) continue;
        const ports = objectAt(entry, "ports") ?? {};
        for (const [protocol, port] of Object.entries(ports)) {
          if (typeof port !== "number" || port <= 0) continue;
          targets.push({
            resource: identity.description,
            name,
            namespace,
            container,
            artifact: stringAt(entry, "artifact"),
            runtime: stringAt(entry, "runtime") ?? "",
            protocol,
            port,
            workingDir: stringAt(entry, "workingDir"),
          });
        }
      }
    }
  }
  return targets;
}

/** How a protocol is spoken, for the "how to attach" lines. */
export function describeProtocol(protocol: string): string {
  switch (protocol) {
    case "dlv":
      return "Delve (dlv connect, or an IDE's Go remote attach)";
    case "devtools":
      return "Chrome DevTools Protocol (chrome://inspect, or an IDE's Node.js attach)";
    case "dap":
      return "Debug Adapter Protocol (debugpy attach)";
    case "pydevd":
      return "pydevd (PyCharm/PyDev remote debug)";
    case "jdwp":
      return "JDWP (jdb -attach, or an IDE's Java remote attach)";
    default:
      return protocol;
  }
}
