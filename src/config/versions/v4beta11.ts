import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v4beta11: SchemaVersion = {
  apiVersion: "skaffold/v4beta11",
  upgrade: bumpOnly("skaffold/v4beta12"),
};
