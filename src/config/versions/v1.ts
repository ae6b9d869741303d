import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v1: SchemaVersion = { apiVersion: "skaffold/v1", upgrade: bumpOnly("skaffold/v2alpha1") };
