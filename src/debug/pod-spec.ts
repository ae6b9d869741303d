// One pod spec: transform the containers built from our artifacts, install the support files they need,
// record the debug annotation, and lengthen their probe timeouts.

import { DEBUG_CONFIG_ANNOTATION, encodeDebugAnnotation } from "./annotation.js";
import type { JsonObject } from "./json.js";
import { appendTo, ensureObject, objectAt, objectsAt, stringAt } from "./json.js";
import { readContainer, writeContainer } from "./k8s-container.js";
import { allocatePort } from "./ports.js";
import { rewriteProbes } from "./probes.js";
import { transformContainer } from "./transform-container.js";
import type { ContainerDebugConfiguration, ImageConfiguration, SupportImage } from "./types.js";

/** The emptyDir volume that the support images fill and debugged containers mount. */
export const SUPPORT_VOLUME = "debugging-support-files";
/** Where the support files are mounted. */
export const SUPPORT_MOUNT_PATH = "/dbg";

/** What a pod-spec transform needs to know besides the pod itself. */
export interface PodTransformContext {
  /** The configuration of the built image a container runs, or undefined if it is not one of ours. */
  readonly resolveImage: (image: string) => ImageConfiguration | undefined;
  readonly helpersRegistry: string;
  readonly protocols: readonly string[];
}

/** The outcome for one pod spec; warnings carry the container they concern, if any. */
export interface PodTransformResult {
  readonly changed: boolean;
  readonly warnings: readonly { readonly container?: string; readonly message: string }[];
}

function usedPorts(podSpec: JsonObject): Set<number> {
  const used = new Set<number>();
  for (const container of objectsAt(podSpec, "containers")) {
    for (const port of objectsAt(container, "ports")) {
      if (typeof port.containerPort === "number") used.add(port.containerPort);
    }
  }
  return used;
}

function hasNamed(list: readonly JsonObject[], name: string): boolean {
  return list.some((item) => stringAt(item, "name") === name);
}

/** Adds the support volume, one init container per support image, and the /dbg mounts (once each). */
function installSupport(
  podSpec: JsonObject,
  containers: readonly JsonObject[],
  images: readonly SupportImage[],
  registry: string,
): void {
  const mount = { name: SUPPORT_VOLUME, mountPath: SUPPORT_MOUNT_PATH };
  if (!hasNamed(objectsAt(podSpec, "volumes"), SUPPORT_VOLUME)) {
    appendTo(podSpec, "volumes", [{ name: SUPPORT_VOLUME, emptyDir: {} }]);
  }
  for (const image of images) {
    const name = `install-${image}-debug-support`;
    if (hasNamed(objectsAt(podSpec, "initContainers"), name)) continue;
    appendTo(podSpec, "initContainers", [
      { name, image: `${registry}/${image}`, volumeMounts: [{ ...mount }] },
    ]);
  }
  for (const container of containers) {
    if (!hasNamed(objectsAt(container, "volumeMounts"), SUPPORT_VOLUME))
      appendTo(container, "volumeMounts", [{ ...mount }]);
  }
}

/**
 * Configures a pod spec for debugging, modifying `metadata` and `podSpec` in place (callers pass copies).
 * A pod already carrying the debug annotation keeps its containers; only its probe timeouts are raised.
 */
export function transformPodSpec(
  metadata: JsonObject,
  podSpec: JsonObject,
  context: PodTransformContext,
): PodTransformResult {
  const warnings: { container?: string; message: string }[] = [];
  const configurations = new Map<string, ContainerDebugConfiguration>();
  const needSupport: JsonObject[] = [];
  const supportImages: SupportImage[] = [];
  const alreadyAnnotated =
    stringAt(objectAt(metadata, "annotations") ?? {}, DEBUG_CONFIG_ANNOTATION) !== undefined;
  const containers = alreadyAnnotated ? [] : objectsAt(podSpec, "containers");
  for (const raw of containers) {
    const image = context.resolveImage(stringAt(raw, "image") ?? "");
    if (image === undefined) continue;
    const spec = readContainer(raw);
    const name = typeof spec === "string" ? (stringAt(raw, "name") ?? "") : spec.name;
    if (typeof spec === "string") {
      warnings.push({ container: name, message: `not configured for debugging: ${spec}` });
      continue;
    }
    const ports = usedPorts(podSpec);
    const allocate = (desired: number): number => allocatePort((port) => !ports.has(port), desired);
    const outcome = transformContainer(spec, image, allocate, context.protocols);
    if (!outcome.ok) {
      warnings.push({ container: name, message: `not configured for debugging: ${outcome.reason}` });
      continue;
    }
    for (const message of writeContainer(raw, spec, outcome.container))
      warnings.push({ container: name, message });
    configurations.set(name, outcome.debug);
    if (outcome.supportImage !== undefined) {
      needSupport.push(raw);
      if (!supportImages.includes(outcome.supportImage)) supportImages.push(outcome.supportImage);
    }
  }
  if (needSupport.length > 0) installSupport(podSpec, needSupport, supportImages, context.helpersRegistry);
  if (configurations.size > 0) {
    ensureObject(metadata, "annotations")[DEBUG_CONFIG_ANNOTATION] = encodeDebugAnnotation(configurations);
  }
  const probes = rewriteProbes(objectAt(metadata, "annotations"), podSpec);
  for (const message of probes.warnings) warnings.push({ message });
  return { changed: configurations.size > 0 || probes.changed, warnings };
}
