import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v4beta1: SchemaVersion = {
  apiVersion: "skaffold/v4beta1",
  upgrade: bumpOnly("skaffold/v4beta2"),
};
