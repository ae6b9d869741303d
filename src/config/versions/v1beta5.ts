import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v1beta5: SchemaVersion = {
  apiVersion: "skaffold/v1beta5",
  upgrade: bumpOnly("skaffold/v1beta6"),
};
