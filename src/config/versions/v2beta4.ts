import type { SchemaVersion } from "./types.js";
import { ARTIFACTS, renameField, upgradeStep } from "./util.js";

/** v2beta4 → v2beta5: `cluster.pullSecret` → `cluster.pullSecretPath`; artifact `buildpack` → `buildpacks`. */
export const v2beta4: SchemaVersion = {
  apiVersion: "skaffold/v2beta4",
  upgrade: upgradeStep(
    "skaffold/v2beta5",
    renameField("build.cluster", "pullSecret", "pullSecretPath"),
    renameField(ARTIFACTS, "buildpack", "buildpacks"),
  ),
};
