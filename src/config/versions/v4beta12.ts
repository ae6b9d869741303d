import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v4beta12: SchemaVersion = {
  apiVersion: "skaffold/v4beta12",
  upgrade: bumpOnly("skaffold/v4beta13"),
};
