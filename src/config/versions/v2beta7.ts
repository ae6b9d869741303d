import type { SchemaVersion } from "./types.js";
import { dropFields, upgradeStep } from "./util.js";

/** v2beta7 → v2beta8: the kpt deployer was reshaped; Skaffold drops the old apply/inventory settings. */
export const v2beta7: SchemaVersion = {
  apiVersion: "skaffold/v2beta7",
  upgrade: upgradeStep(
    "skaffold/v2beta8",
    dropFields("deploy.kpt", "applyDir"),
    dropFields("deploy.kpt.live", "inventoryID", "inventoryNamespace"),
    dropFields(
      "deploy.kpt.live.apply",
      "pollPeriod",
      "prunePropagationPolicy",
      "pruneTimeout",
      "reconcileTimeout",
    ),
  ),
};
