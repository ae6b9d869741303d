import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2beta18: SchemaVersion = {
  apiVersion: "skaffold/v2beta18",
  upgrade: bumpOnly("skaffold/v2beta19"),
};
