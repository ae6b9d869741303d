// Probe timeouts: a process paused at a breakpoint stops answering HTTP probes, so the HTTP probes of
// debugged containers get a long timeout (10 minutes unless the pod's probe-timeouts annotation says
// otherwise, or `skip`).

import { annotatedContainers, DEBUG_CONFIG_ANNOTATION } from "./annotation.js";
import { parseGoDuration } from "./go-duration.js";
import type { JsonObject } from "./json.js";
import { objectAt, objectsAt, stringAt } from "./json.js";

/** Pod annotation: `skip`, or the minimum probe timeout as a Go duration (`1m`). */
export const PROBE_TIMEOUTS_ANNOTATION = "debug.cloud.google.com/probe-timeouts";

const DEFAULT_MIN_TIMEOUT_SECONDS = 600;
const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"] as const;

/** What the probe pass did to one pod: whether it changed anything, and what to warn about. */
export interface ProbeRewrite {
  readonly changed: boolean;
  readonly warnings: readonly string[];
}

/** Raises an HTTP probe's timeout to `minSeconds` unless it is already longer; true if it changed. */
export function raiseHttpProbeTimeout(probe: JsonObject, minSeconds: number): boolean {
  if (objectAt(probe, "httpGet") === undefined) return false;
  const current = typeof probe.timeoutSeconds === "number" ? probe.timeoutSeconds : 0;
  if (current >= minSeconds) return false;
  probe.timeoutSeconds = minSeconds;
  return true;
}

/**
 * Raises the HTTP probe timeouts of the containers listed in the pod's debug annotation (the pod metadata
 * and spec are modified). Runs on pods the user annotated as well, like Skaffold.
 */
export function rewriteProbes(annotations: JsonObject | undefined, podSpec: JsonObject): ProbeRewrite {
  const warnings: string[] = [];
  const override = annotations === undefined ? undefined : stringAt(annotations, PROBE_TIMEOUTS_ANNOTATION);
  const config = annotations === undefined ? undefined : stringAt(annotations, DEBUG_CONFIG_ANNOTATION);
  if (override === "skip" || config === undefined) return { changed: false, warnings };
  const debugged = annotatedContainers(config);
  if (debugged === undefined) {
    warnings.push(`cannot parse the ${DEBUG_CONFIG_ANNOTATION} annotation; probe timeouts left alone`);
    return { changed: false, warnings };
  }
  let minSeconds = DEFAULT_MIN_TIMEOUT_SECONDS;
  if (override !== undefined) {
    const nanos = parseGoDuration(override);
    if (nanos === undefined) warnings.push(`invalid probe timeout value "${override}"; using ${minSeconds}s`);
    else minSeconds = Math.trunc(nanos / 1e9);
  }
  let changed = false;
  for (const container of objectsAt(podSpec, "containers")) {
    if (!debugged.has(stringAt(container, "name") ?? "")) continue;
    for (const key of PROBES) {
      const probe = objectAt(container, key);
      if (probe !== undefined && raiseHttpProbeTimeout(probe, minSeconds)) changed = true;
    }
  }
  return { changed, warnings };
}
