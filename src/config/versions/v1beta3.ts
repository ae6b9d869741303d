import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v1beta3: SchemaVersion = {
  apiVersion: "skaffold/v1beta3",
  upgrade: bumpOnly("skaffold/v1beta4"),
};
