import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2beta15: SchemaVersion = {
  apiVersion: "skaffold/v2beta15",
  upgrade: bumpOnly("skaffold/v2beta16"),
};
