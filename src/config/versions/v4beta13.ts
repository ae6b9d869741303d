import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v4beta13: SchemaVersion = {
  apiVersion: "skaffold/v4beta13",
  upgrade: bumpOnly("skaffold/v4beta14"),
};
