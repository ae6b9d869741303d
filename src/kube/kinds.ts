import type { WatchKind } from "./types.js";

/** API path pieces of the kinds Trestle watches and lists. */
export const kindPaths: Record<WatchKind, { readonly prefix: string; readonly plural: string }> = {
  Pod: { prefix: "/api/v1", plural: "pods" },
  Service: { prefix: "/api/v1", plural: "services" },
  Event: { prefix: "/api/v1", plural: "events" },
  Deployment: { prefix: "/apis/apps/v1", plural: "deployments" },
  StatefulSet: { prefix: "/apis/apps/v1", plural: "statefulsets" },
  DaemonSet: { prefix: "/apis/apps/v1", plural: "daemonsets" },
  ReplicaSet: { prefix: "/apis/apps/v1", plural: "replicasets" },
  Job: { prefix: "/apis/batch/v1", plural: "jobs" },
};

/** `/api/v1/namespaces/ns/pods`, or the all-namespaces path when namespace is empty. */
export function collectionPath(kind: WatchKind, namespace: string): string {
  const { prefix, plural } = kindPaths[kind];
  return namespace
    ? `${prefix}/namespaces/${encodeURIComponent(namespace)}/${plural}`
    : `${prefix}/${plural}`;
}
