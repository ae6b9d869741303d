/** `resourceSelector`: which resources and fields Skaffold may rewrite while rendering. */
import { z } from "zod";
import { opt, requiredString, stringList, struct } from "./common.js";

export const resourceFilterSchema = struct({
  groupKind: requiredString.describe("Resource type in `Kind.group` form, e.g. `Deployment.apps`."),
  image: opt(stringList, "JSON-path-like paths where images are rewritten (`.*` for all)."),
  labels: opt(stringList, "JSON-path-like paths where a labels block is added when missing."),
  podSpec: opt(stringList, "JSON-path-like paths where pod spec properties may be overwritten."),
}).meta({
  id: "ResourceFilter",
  description: "A resource type and the fields that may be transformed in it.",
});

export const resourceSelectorConfigSchema = struct({
  allow: opt(z.array(resourceFilterSchema), "Resource types added to the transform allow list."),
  deny: opt(z.array(resourceFilterSchema), "Resource types never transformed."),
}).meta({ id: "ResourceSelectorConfig", description: "Allow and deny lists for manifest transforms." });

export type ResourceFilter = z.infer<typeof resourceFilterSchema>;
export type ResourceSelectorConfig = z.infer<typeof resourceSelectorConfigSchema>;
