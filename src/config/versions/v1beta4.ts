import type { SchemaVersion } from "./types.js";
import { eachMapAt, isSet, upgradeStep } from "./util.js";

/**
 * v1beta4 → v1beta5: `local.useBuildkit` becomes optional (unset now means "Docker's default"). Skaffold's
 * conversion writes the old implicit value, so a `local` section without it gets `useBuildkit: false`.
 * (Skaffold crashes on profiles with `patches` values at this step; Trestle keeps the patches unchanged.)
 */
export const v1beta4: SchemaVersion = {
  apiVersion: "skaffold/v1beta4",
  upgrade: upgradeStep(
    "skaffold/v1beta5",
    eachMapAt("build.local", (local) => {
      if (!isSet(local, "useBuildkit")) local.useBuildkit = false;
    }),
  ),
};
