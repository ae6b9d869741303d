/** `profiles`: named overlays of the pipeline, activated by flag or automatically. */
import { z } from "zod";
import { goBool, goString, opt, requiredString, struct, yamlValue } from "./common.js";
import { pipelineShape } from "./pipeline.js";

export const activationSchema = struct({
  env: opt(
    goString,
    "`KEY=pattern`: exact value or regex; `!pattern` negates; `KEY=` matches unset or empty.",
  ),
  kubeContext: opt(goString, "Kubernetes context (regex) that activates the profile."),
  command: opt(goString, "Skaffold command (regex) that activates the profile, e.g. `dev`."),
}).meta({
  id: "Activation",
  description: "Criteria that auto-activate a profile; all set criteria must match.",
});

export const jsonPatchSchema = struct({
  op: opt(goString, "`add`, `remove`, `replace` (default), `move`, `copy` or `test`."),
  path: requiredString.describe("JSON pointer into the config, e.g. `/build/artifacts/0/docker/dockerfile`."),
  from: opt(goString, "Source pointer for `move` and `copy`."),
  value: opt(yamlValue, "Value to apply: any YAML."),
}).meta({ id: "JSONPatch", description: "A JSON-patch operation applied to the config." });

export const profileSchema = struct({
  name: requiredString.describe("Unique profile name, e.g. `prod`."),
  activation: opt(
    z.array(activationSchema),
    "Auto-activation criteria; any one (or all, see below) activates.",
  ),
  requiresAllActivations: opt(goBool, "Activate only when every `activation` entry matches."),
  patches: opt(z.array(jsonPatchSchema), "JSON patches applied after the overlay."),
  ...pipelineShape,
}).meta({ id: "Profile", description: "A named set of pipeline overrides and patches." });

export type Activation = z.infer<typeof activationSchema>;
export type JsonPatch = z.infer<typeof jsonPatchSchema>;
export type Profile = z.infer<typeof profileSchema>;
