import type { SchemaVersion } from "./types.js";
import { isSet, mapAt, upgradeStep } from "./util.js";

/** v1alpha5 → v1beta1: the Azure Container Registry builder (`build.acr`) was removed; Skaffold refuses to upgrade. */
export const v1alpha5: SchemaVersion = {
  apiVersion: "skaffold/v1alpha5",
  upgrade: upgradeStep("skaffold/v1beta1", (pipeline, label) => {
    const build = mapAt(pipeline, "build");
    if (build && isSet(build, "acr")) {
      throw new Error(
        `cannot upgrade to skaffold/v1beta1: ${label("build.acr")} is no longer supported, remove it manually`,
      );
    }
  }),
};
