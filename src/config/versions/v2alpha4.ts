import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2alpha4: SchemaVersion = {
  apiVersion: "skaffold/v2alpha4",
  upgrade: bumpOnly("skaffold/v2beta1"),
};
