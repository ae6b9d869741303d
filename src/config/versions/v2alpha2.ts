import type { SchemaVersion } from "./types.js";
import { ARTIFACTS, dropFields, eachMapAt, upgradeStep } from "./util.js";

/** v2alpha2 → v2alpha3: kustomize `path` becomes the list `paths`; buildpack `forcePull` is removed. */
export const v2alpha2: SchemaVersion = {
  apiVersion: "skaffold/v2alpha2",
  upgrade: upgradeStep(
    "skaffold/v2alpha3",
    eachMapAt("deploy.kustomize", (kustomize) => {
      const path = kustomize.path;
      delete kustomize.path;
      if (typeof path === "string" && path !== "") kustomize.paths = [path];
    }),
    dropFields(`${ARTIFACTS}.buildpack`, "forcePull"),
  ),
};
