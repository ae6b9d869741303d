import type { SchemaVersion } from "./types.js";
import { ARTIFACTS, mapAt, mapsAt, pickKeys, upgradeStep } from "./util.js";

/**
 * v1beta6 → v1beta7: the `build.kaniko` builder is split: its per-image settings are copied into a `kaniko`
 * section of every artifact and its cluster settings become `build.cluster`.
 */
const ARTIFACT_KEYS = ["flags", "buildContext", "cache", "image"] as const;
const CLUSTER_KEYS = ["pullSecret", "pullSecretName", "namespace", "timeout", "dockerConfig"] as const;

export const v1beta6: SchemaVersion = {
  apiVersion: "skaffold/v1beta6",
  upgrade: upgradeStep("skaffold/v1beta7", (pipeline) => {
    const build = mapAt(pipeline, "build");
    const kaniko = mapAt(build, "kaniko");
    if (!build) return;
    delete build.kaniko;
    if (!kaniko) return;
    for (const artifact of mapsAt(pipeline, ARTIFACTS)) artifact.kaniko = pickKeys(kaniko, ARTIFACT_KEYS);
    build.cluster = pickKeys(kaniko, CLUSTER_KEYS);
  }),
};
