import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v2beta14: SchemaVersion = {
  apiVersion: "skaffold/v2beta14",
  upgrade: bumpOnly("skaffold/v2beta15"),
};
