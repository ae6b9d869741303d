import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v3alpha1: SchemaVersion = { apiVersion: "skaffold/v3alpha1", upgrade: bumpOnly("skaffold/v3") };
