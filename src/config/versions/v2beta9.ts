import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2beta9: SchemaVersion = {
  apiVersion: "skaffold/v2beta9",
  upgrade: bumpOnly("skaffold/v2beta10"),
};
