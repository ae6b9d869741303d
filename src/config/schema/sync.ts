/** File sync: copy changed files into running containers instead of rebuilding. */
import { z } from "zod";
import { goBool, goString, opt, requiredString, stringList, struct } from "./common.js";
import { syncHooksSchema } from "./hooks.js";

export const syncRuleSchema = struct({
  src: requiredString.describe("Glob of local paths (use `/` on every platform), e.g. `css/**/*.css`."),
  dest: requiredString.describe(
    "Destination in the container; relative paths are joined to the image WORKDIR.",
  ),
  strip: opt(goString, "Prefix removed from the source path before joining it to `dest`."),
}).meta({ id: "SyncRule", description: "A manual sync rule from local files to a container folder." });

export const syncSchema = struct({
  manual: opt(z.array(syncRuleSchema), "Explicit source-to-destination rules."),
  infer: opt(
    stringList,
    "Globs whose destinations are inferred from the Dockerfile (docker, kaniko, custom, ko).",
  ),
  auto: opt(goBool, "Let the builder provide the sync rules (jib, buildpacks)."),
  hooks: opt(syncHooksSchema, "Hooks run around each sync."),
}).meta({
  id: "Sync",
  description: "Files synced into containers instead of rebuilding. Set one of `manual`, `infer` or `auto`.",
});

export type SyncRule = z.infer<typeof syncRuleSchema>;
export type Sync = z.infer<typeof syncSchema>;
