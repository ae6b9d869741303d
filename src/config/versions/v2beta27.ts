import type { SchemaVersion } from "./types.js";
import { ARTIFACTS, eachMapAt, mapAt, nonEmptyList, upgradeStep } from "./util.js";

/** v2beta27 → v2beta28: `ko.platforms` moves up to the artifact's `platforms`. */
export const v2beta27: SchemaVersion = {
  apiVersion: "skaffold/v2beta27",
  upgrade: upgradeStep(
    "skaffold/v2beta28",
    eachMapAt(ARTIFACTS, (artifact) => {
      const ko = mapAt(artifact, "ko");
      if (!ko) return;
      const platforms = nonEmptyList(ko.platforms);
      delete ko.platforms;
      if (platforms) artifact.platforms = platforms;
    }),
  ),
};
