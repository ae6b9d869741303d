import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2beta23: SchemaVersion = {
  apiVersion: "skaffold/v2beta23",
  upgrade: bumpOnly("skaffold/v2beta24"),
};
