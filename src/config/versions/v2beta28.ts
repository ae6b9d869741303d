import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2beta28: SchemaVersion = {
  apiVersion: "skaffold/v2beta28",
  upgrade: bumpOnly("skaffold/v2beta29"),
};
