import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2beta19: SchemaVersion = {
  apiVersion: "skaffold/v2beta19",
  upgrade: bumpOnly("skaffold/v2beta20"),
};
