import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2beta21: SchemaVersion = {
  apiVersion: "skaffold/v2beta21",
  upgrade: bumpOnly("skaffold/v2beta22"),
};
