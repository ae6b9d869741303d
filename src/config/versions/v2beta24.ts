import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2beta24: SchemaVersion = {
  apiVersion: "skaffold/v2beta24",
  upgrade: bumpOnly("skaffold/v2beta25"),
};
