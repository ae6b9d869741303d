import type { SchemaVersion } from "./types.js";
import { ARTIFACTS, dropFields, eachMapAt, isMap, upgradeStep } from "./util.js";

/** v2beta8 → v2beta9: `sync.auto: {}` becomes `sync.auto: true`; kaniko `flags` is removed. */
export const v2beta8: SchemaVersion = {
  apiVersion: "skaffold/v2beta8",
  upgrade: upgradeStep(
    "skaffold/v2beta9",
    eachMapAt(`${ARTIFACTS}.sync`, (sync) => {
      if (isMap(sync.auto)) sync.auto = true;
      else if (sync.auto === null) delete sync.auto;
    }),
    dropFields(`${ARTIFACTS}.kaniko`, "flags"),
  ),
};
