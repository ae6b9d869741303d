import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v4beta10: SchemaVersion = {
  apiVersion: "skaffold/v4beta10",
  upgrade: bumpOnly("skaffold/v4beta11"),
};
