import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2alpha3: SchemaVersion = {
  apiVersion: "skaffold/v2alpha3",
  upgrade: bumpOnly("skaffold/v2alpha4"),
};
