import type { SchemaVersion } from "./types.js";
import { renameField, upgradeStep } from "./util.js";

/** v4beta7 → v4beta8: kpt's `force` option had the YAML key `false` by mistake; it becomes `force`. */
export const v4beta7: SchemaVersion = {
  apiVersion: "skaffold/v4beta7",
  upgrade: upgradeStep("skaffold/v4beta8", renameField("deploy.kpt", "false", "force")),
};
