import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2beta1: SchemaVersion = {
  apiVersion: "skaffold/v2beta1",
  upgrade: bumpOnly("skaffold/v2beta2"),
};
