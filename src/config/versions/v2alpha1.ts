import type { SchemaVersion } from "./types.js";
import { ARTIFACTS, eachMapAt, mapAt, upgradeStep } from "./util.js";

/** v2alpha1 → v2alpha2: kaniko `buildContext` is removed; `buildContext.localDir.initImage` moves to `initImage`. */
export const v2alpha1: SchemaVersion = {
  apiVersion: "skaffold/v2alpha1",
  upgrade: upgradeStep(
    "skaffold/v2alpha2",
    eachMapAt(`${ARTIFACTS}.kaniko`, (kaniko) => {
      const initImage = mapAt(mapAt(kaniko, "buildContext"), "localDir")?.initImage;
      delete kaniko.buildContext;
      if (typeof initImage === "string" && initImage !== "") kaniko.initImage = initImage;
    }),
  ),
};
