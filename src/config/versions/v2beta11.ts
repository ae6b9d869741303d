import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2beta11: SchemaVersion = {
  apiVersion: "skaffold/v2beta11",
  upgrade: bumpOnly("skaffold/v2beta12"),
};
