import type { SchemaVersion } from "./types.js";
import { HELM_RELEASES, renameField, upgradeStep } from "./util.js";

/** v2beta3 → v2beta4: helm release `values` is renamed `artifactOverrides`. */
export const v2beta3: SchemaVersion = {
  apiVersion: "skaffold/v2beta3",
  upgrade: upgradeStep("skaffold/v2beta4", renameField(HELM_RELEASES, "values", "artifactOverrides")),
};
