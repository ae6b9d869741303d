import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v4beta2: SchemaVersion = {
  apiVersion: "skaffold/v4beta2",
  upgrade: bumpOnly("skaffold/v4beta3"),
};
