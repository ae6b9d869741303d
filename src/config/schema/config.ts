/** The top level of a skaffold.yaml document (one config; a file may hold several, separated by `---`). */
import { z } from "zod";
import { goString, opt, requiredString, stringMap, struct } from "./common.js";
import { pipelineShape } from "./pipeline.js";
import { profileSchema } from "./profiles.js";
import { configDependencySchema } from "./requires.js";

/** The schema version this schema describes. */
export const LATEST_API_VERSION = "skaffold/v4beta14";

export const metadataSchema = struct({
  name: opt(goString, "Config name; makes the config a module selectable with `-m`."),
  labels: opt(stringMap, "Labels identifying the config."),
  annotations: opt(stringMap, "Free-form annotations."),
}).meta({ id: "Metadata", description: "Name and labels of the config." });

export const skaffoldConfigSchema = struct({
  apiVersion: z.literal(LATEST_API_VERSION).describe("Schema version of the config."),
  kind: requiredString.describe("Always `Config`."),
  metadata: opt(metadataSchema, "Name and labels of the config."),
  requires: opt(z.array(configDependencySchema), "Other configs this one depends on."),
  ...pipelineShape,
  profiles: opt(z.array(profileSchema), "Named overrides of the pipeline."),
}).describe(`A Skaffold config (\`apiVersion: ${LATEST_API_VERSION}\`).`);

export type Metadata = z.infer<typeof metadataSchema>;
export type SkaffoldConfig = z.infer<typeof skaffoldConfigSchema>;
