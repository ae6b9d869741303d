/**
 * Whether a kube-context names a local cluster, by Skaffold's rules (docs `environment/local-cluster.md`):
 * Docker Desktop, minikube, kind and k3d contexts, unless the global config's `local-cluster` says otherwise.
 * Images for a local cluster are loaded into the local engine instead of pushed.
 */
export function isLocalCluster(kubeContext: string, localClusterSetting: boolean | undefined): boolean {
  if (localClusterSetting !== undefined) return localClusterSetting;
  return (
    kubeContext === "docker-desktop" ||
    kubeContext === "docker-for-desktop" ||
    kubeContext === "minikube" ||
    kubeContext.startsWith("kind-") ||
    kubeContext.endsWith("@kind") ||
    kubeContext.startsWith("k3d-")
  );
}

/** Push decision, in Skaffold's order: `--push`, then `build.local.push`, then "push unless the cluster is local". */
export function shouldPush(
  flag: boolean | undefined,
  configured: boolean | undefined,
  localCluster: () => boolean,
): boolean {
  if (flag !== undefined) return flag;
  if (configured !== undefined) return configured;
  return !localCluster();
}
