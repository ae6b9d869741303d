import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2beta10: SchemaVersion = {
  apiVersion: "skaffold/v2beta10",
  upgrade: bumpOnly("skaffold/v2beta11"),
};
