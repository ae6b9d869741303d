import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2beta2: SchemaVersion = {
  apiVersion: "skaffold/v2beta2",
  upgrade: bumpOnly("skaffold/v2beta3"),
};
