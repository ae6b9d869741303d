import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v1beta1: SchemaVersion = {
  apiVersion: "skaffold/v1beta1",
  upgrade: bumpOnly("skaffold/v1beta2"),
};
