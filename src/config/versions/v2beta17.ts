import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2beta17: SchemaVersion = {
  apiVersion: "skaffold/v2beta17",
  upgrade: bumpOnly("skaffold/v2beta18"),
};
