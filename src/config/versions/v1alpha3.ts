import type { SchemaVersion } from "./types.js";
import { ARTIFACTS, eachMapAt, isSet, renameField, upgradeStep } from "./util.js";

/**
 * v1alpha3 → v1alpha4: artifact and kustomize fields renamed; `local.skipPush` becomes its negation `push`.
 * Kaniko's `buildContext` becomes optional, and Skaffold's conversion always writes it (empty when unset).
 */
const skipPushToPush = eachMapAt("build.local", (local) => {
  const skipPush = local.skipPush;
  if (typeof skipPush === "boolean") local.push = !skipPush;
  if (typeof skipPush === "boolean" || skipPush === null) delete local.skipPush;
});

const explicitBuildContext = eachMapAt("build.kaniko", (kaniko) => {
  if (!isSet(kaniko, "buildContext")) kaniko.buildContext = {};
});

export const v1alpha3: SchemaVersion = {
  apiVersion: "skaffold/v1alpha3",
  upgrade: upgradeStep(
    "skaffold/v1alpha4",
    renameField(ARTIFACTS, "imageName", "image"),
    renameField(ARTIFACTS, "workspace", "context"),
    renameField(`${ARTIFACTS}.docker`, "dockerfilePath", "dockerfile"),
    renameField("deploy.kustomize", "kustomizePath", "path"),
    skipPushToPush,
    explicitBuildContext,
  ),
};
