import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v4beta6: SchemaVersion = {
  apiVersion: "skaffold/v4beta6",
  upgrade: bumpOnly("skaffold/v4beta7"),
};
