import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v1alpha4: SchemaVersion = {
  apiVersion: "skaffold/v1alpha4",
  upgrade: bumpOnly("skaffold/v1alpha5"),
};
