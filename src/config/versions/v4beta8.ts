import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v4beta8: SchemaVersion = {
  apiVersion: "skaffold/v4beta8",
  upgrade: bumpOnly("skaffold/v4beta9"),
};
