import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v1beta11: SchemaVersion = {
  apiVersion: "skaffold/v1beta11",
  upgrade: bumpOnly("skaffold/v1beta12"),
};
