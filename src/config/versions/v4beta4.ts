import type { SchemaVersion } from "./types.js";
import { ARTIFACTS, dropFields, upgradeStep } from "./util.js";

/** v4beta4 → v4beta5: kaniko `noPush` is removed. */
export const v4beta4: SchemaVersion = {
  apiVersion: "skaffold/v4beta4",
  upgrade: upgradeStep("skaffold/v4beta5", dropFields(`${ARTIFACTS}.kaniko`, "noPush")),
};
