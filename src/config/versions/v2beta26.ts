import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2beta26: SchemaVersion = {
  apiVersion: "skaffold/v2beta26",
  upgrade: bumpOnly("skaffold/v2beta27"),
};
