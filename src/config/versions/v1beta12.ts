import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v1beta12: SchemaVersion = {
  apiVersion: "skaffold/v1beta12",
  upgrade: bumpOnly("skaffold/v1beta13"),
};
