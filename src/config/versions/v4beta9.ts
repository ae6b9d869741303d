import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v4beta9: SchemaVersion = {
  apiVersion: "skaffold/v4beta9",
  upgrade: bumpOnly("skaffold/v4beta10"),
};
