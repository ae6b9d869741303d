import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2beta6: SchemaVersion = {
  apiVersion: "skaffold/v2beta6",
  upgrade: bumpOnly("skaffold/v2beta7"),
};
