import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v1beta14: SchemaVersion = {
  apiVersion: "skaffold/v1beta14",
  upgrade: bumpOnly("skaffold/v1beta15"),
};
