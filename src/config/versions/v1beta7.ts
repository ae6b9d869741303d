import type { SchemaVersion } from "./types.js";
import { bumpOnly } from "./util.js";

// Skaffold's own conversion loses `bazel.target` here and in the next step (a JSON field-name mismatch in its
// Go structs); the field still exists in the next version, so Trestle keeps it.
export const v1beta7: SchemaVersion = {
  apiVersion: "skaffold/v1beta7",
  upgrade: bumpOnly("skaffold/v1beta8"),
};
