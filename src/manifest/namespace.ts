/**
 * Namespace injection (Skaffold's `SetNamespace`, used for `-n`): objects of the kinds on the allow list get
 * `metadata.namespace` when they have none (or an empty one). An object that already names another namespace
 * keeps it, with a warning unless the requested namespace is `default`. Trestle also sets it on the
 * namespaced built-in kinds Skaffold leaves out (ConfigMap, Secret, ServiceAccount, Role…), so that
 * everything rendered together lands together; custom resources of unknown scope are left alone.
 */
import { groupKindOf, groupKindKey } from "./group-kind.js";
import { isDenied, isTransformable, type ResourceSelector } from "./selector.js";
import type { Manifest } from "./types.js";
import { isMapping } from "./visit.js";

/** Built-in kinds that live in a namespace, beyond Skaffold's allow list. */
const NAMESPACED_BUILT_INS = new Set([
  "ConfigMap",
  "Secret",
  "ServiceAccount",
  "PersistentVolumeClaim",
  "Endpoints",
  "LimitRange",
  "ResourceQuota",
  "ReplicationController",
  "PodTemplate",
  "Event",
  "Role.rbac.authorization.k8s.io",
  "RoleBinding.rbac.authorization.k8s.io",
  "Ingress.networking.k8s.io",
  "NetworkPolicy.networking.k8s.io",
  "HorizontalPodAutoscaler.autoscaling",
  "PodDisruptionBudget.policy",
  "Lease.coordination.k8s.io",
  "EndpointSlice.discovery.k8s.io",
  "ControllerRevision.apps",
  "CSIStorageCapacity.storage.k8s.io",
]);

/** The result: the manifests and what the user should hear about conflicting namespaces. */
export interface NamespaceResult {
  readonly manifests: Manifest[];
  readonly warnings: string[];
}

/** Sets `namespace` (`default` when empty) on copies of the namespaced manifests that have none. */
export function setNamespace(
  manifests: readonly Manifest[],
  namespace: string,
  selector: ResourceSelector,
): NamespaceResult {
  const ns = namespace === "" ? "default" : namespace;
  const warnings: string[] = [];
  const out = manifests.map((manifest) => {
    const gk = groupKindOf(manifest);
    if (gk === undefined) return manifest;
    const builtIn = NAMESPACED_BUILT_INS.has(groupKindKey(gk)) && !isDenied(selector, gk);
    if (!isTransformable(selector, gk) && !builtIn) return manifest;
    const copy = structuredClone(manifest) as Record<string, unknown>;
    const metadata = copy["metadata"];
    if (metadata === undefined) {
      copy["metadata"] = { namespace: ns };
      return copy;
    }
    if (!isMapping(metadata)) return manifest;
    const current = metadata["namespace"];
    if (current === undefined || current === null || current === "" || current === ns) {
      metadata["namespace"] = ns;
      return copy;
    }
    if (ns !== "default") {
      const kept = JSON.stringify(current);
      warnings.push(
        `${gk.kind} "${String(metadata["name"])}" already has namespace ${kept}, which conflicts with the namespace "${ns}" given on the command line; keeping ${kept}`,
      );
    }
    return manifest;
  });
  return { manifests: out, warnings };
}
