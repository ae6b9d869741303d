import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

export const v1beta17: SchemaVersion = { apiVersion: "skaffold/v1beta17", upgrade: bumpOnly("skaffold/v1") };
