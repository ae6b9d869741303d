import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2beta25: SchemaVersion = {
  apiVersion: "skaffold/v2beta25",
  upgrade: bumpOnly("skaffold/v2beta26"),
};
