import type { SchemaVersion } from "./types.js";
import { listAt, mapAt, stringAt, upgradeStep } from "./util.js";

/**
 * v3 → v4beta1: `deploy.kubectl.remoteManifests` move to `manifests.remoteManifests`, each entry carrying the
 * pipeline's `deploy.kubeContext`.
 */
export const v3: SchemaVersion = {
  apiVersion: "skaffold/v3",
  upgrade: upgradeStep("skaffold/v4beta1", (pipeline) => {
    const deploy = mapAt(pipeline, "deploy");
    const kubectl = mapAt(deploy, "kubectl");
    if (!kubectl) return;
    const remotes = listAt(kubectl, "remoteManifests") ?? [];
    delete kubectl.remoteManifests;
    if (remotes.length === 0) return;
    const kubeContext = stringAt(deploy, "kubeContext");
    const manifests = mapAt(pipeline, "manifests") ?? {};
    const moved = remotes.map((manifest) =>
      kubeContext === undefined || kubeContext === "" ? { manifest } : { manifest, kubeContext },
    );
    manifests.remoteManifests = [...(listAt(manifests, "remoteManifests") ?? []), ...moved];
    pipeline.manifests = manifests;
  }),
};
