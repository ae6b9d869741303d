import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v1beta15: SchemaVersion = {
  apiVersion: "skaffold/v1beta15",
  upgrade: bumpOnly("skaffold/v1beta16"),
};
