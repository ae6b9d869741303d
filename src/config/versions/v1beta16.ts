import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v1beta16: SchemaVersion = {
  apiVersion: "skaffold/v1beta16",
  upgrade: bumpOnly("skaffold/v1beta17"),
};
