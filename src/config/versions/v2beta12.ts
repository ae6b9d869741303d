import type { SchemaVersion } from "./types.js";
import { HELM_RELEASES, eachMapAt, renameKey, upgradeStep } from "./util.js";

/** v2beta12 → v2beta13: helm `remote: true` is replaced by moving `chartPath` to `remoteChart`. */
export const v2beta12: SchemaVersion = {
  apiVersion: "skaffold/v2beta12",
  upgrade: upgradeStep(
    "skaffold/v2beta13",
    eachMapAt(HELM_RELEASES, (release) => {
      const remote = release.remote;
      delete release.remote;
      if (remote === true) renameKey(release, "chartPath", "remoteChart");
    }),
  ),
};
