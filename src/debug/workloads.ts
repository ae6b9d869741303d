// Which Kubernetes objects hold pod specs, where, and whether their replica count is forced to 1.

import type { JsonObject } from "./json.js";
import { ensureObject, objectAt, objectsAt, stringAt } from "./json.js";

/** A pod spec inside a workload, with the metadata that carries its annotations. */
export interface PodTemplate {
  readonly metadata: JsonObject;
  readonly spec: JsonObject;
}

/** How to find the pod specs of one kind of workload. */
interface WorkloadKind {
  readonly podTemplates: (object: JsonObject) => PodTemplate[];
  /** Debugging runs one replica, so `spec.replicas` (when set) becomes 1. */
  readonly singleReplica: boolean;
}

/** The object itself as a pod (metadata is created when missing). */
function asPod(object: JsonObject): PodTemplate[] {
  const spec = objectAt(object, "spec");
  if (spec === undefined) return [];
  return [{ metadata: ensureObject(object, "metadata"), spec }];
}

function podList(object: JsonObject): PodTemplate[] {
  return objectsAt(object, "items").flatMap(asPod);
}

function podTemplate(object: JsonObject): PodTemplate[] {
  const template = objectAt(objectAt(object, "spec") ?? {}, "template");
  return template === undefined ? [] : asPod(template);
}

const withReplicas: WorkloadKind = { podTemplates: podTemplate, singleReplica: true };
const withoutReplicas: WorkloadKind = { podTemplates: podTemplate, singleReplica: false };

/**
 * The workloads Skaffold debugs, by `apiVersion kind`. CronJob is deliberately absent: Skaffold does not
 * transform it either (it only warns), and scheduled jobs are rarely what one debugs interactively.
 */
const WORKLOADS: ReadonlyMap<string, WorkloadKind> = new Map([
  ["v1 Pod", { podTemplates: asPod, singleReplica: false }],
  ["v1 PodList", { podTemplates: podList, singleReplica: false }],
  ["v1 ReplicationController", withReplicas],
  ["apps/v1 Deployment", withReplicas],
  ["apps/v1 ReplicaSet", withReplicas],
  ["apps/v1 StatefulSet", withReplicas],
  ["apps/v1 DaemonSet", withoutReplicas],
  ["batch/v1 Job", withoutReplicas],
]);

/** The group, version and kind of a manifest, and its `kind[.group]/name` description. */
export interface ObjectIdentity {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly description: string;
}

/** Identifies a manifest the way `kubectl get` names it. */
export function identify(object: JsonObject): ObjectIdentity {
  const apiVersion = stringAt(object, "apiVersion") ?? "";
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const kind = stringAt(object, "kind") ?? "";
  const name = stringAt(objectAt(object, "metadata") ?? {}, "name") || "<unknown>";
  const resource = group === "" ? kind.toLowerCase() : `${kind.toLowerCase()}.${group}`;
  return { group, version, kind, description: `${resource}/${name}` };
}

/** The handling for a manifest's kind, if it is a workload we debug. */
export function workloadKind(object: JsonObject): WorkloadKind | undefined {
  return WORKLOADS.get(`${stringAt(object, "apiVersion") ?? ""} ${stringAt(object, "kind") ?? ""}`);
}

/** Sets `spec.replicas` to 1 when it is set. */
export function forceSingleReplica(object: JsonObject): void {
  const spec = objectAt(object, "spec");
  if (spec !== undefined && spec.replicas !== undefined && spec.replicas !== null) spec.replicas = 1;
}
