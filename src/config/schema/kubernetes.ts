/**
 * The few Kubernetes core/v1 types the schema embeds. Skaffold decodes `volumes` and `volumeMounts` through JSON,
 * which ignores unknown keys, so those two stay open; env vars and tolerations go through the strict YAML decoder.
 */
import { z } from "zod";
import { goBool, goInt, goString, opt, requiredString, struct, yamlValue } from "./common.js";

export const envVarSchema = struct({
  name: requiredString.describe("Variable name."),
  value: opt(goString, "Variable value (templated for kaniko)."),
  valueFrom: opt(yamlValue, "Kubernetes `EnvVarSource` (secret, config map or field reference)."),
  valuefrom: opt(yamlValue, "Spelling of `valueFrom` that Skaffold's YAML decoder expects."),
}).meta({ id: "EnvVar", description: "A Kubernetes container environment variable." });

export const tolerationSchema = struct({
  key: opt(goString, "Taint key; empty with `Exists` matches all taints."),
  operator: opt(goString, "`Exists` or `Equal` (default)."),
  value: opt(goString, "Taint value to match with `Equal`."),
  effect: opt(goString, "Taint effect to match: `NoSchedule`, `PreferNoSchedule` or `NoExecute`."),
  tolerationSeconds: opt(goInt, "How long a `NoExecute` taint is tolerated."),
  tolerationseconds: opt(goInt, "Spelling of `tolerationSeconds` that Skaffold's YAML decoder expects."),
}).meta({ id: "Toleration", description: "A Kubernetes pod toleration." });

export const volumeSchema = z
  .looseObject({ name: requiredString.describe("Volume name, referenced by volume mounts.") })
  .meta({ id: "Volume", description: "A Kubernetes pod volume (any core/v1 volume source)." });

export const volumeMountSchema = z
  .looseObject({
    name: requiredString.describe("Name of the volume to mount."),
    mountPath: opt(goString, "Path in the container."),
    subPath: opt(goString, "Sub-path of the volume to mount."),
    subPathExpr: opt(goString, "Like `subPath`, with `$(VAR)` expansion."),
    readOnly: opt(goBool, "Mount read-only."),
    mountPropagation: opt(goString, "Mount propagation mode."),
    recursiveReadOnly: opt(goString, "Recursive read-only mode."),
  })
  .meta({ id: "VolumeMount", description: "A Kubernetes container volume mount." });

export type EnvVar = z.infer<typeof envVarSchema>;
export type Toleration = z.infer<typeof tolerationSchema>;
export type Volume = z.infer<typeof volumeSchema>;
export type VolumeMount = z.infer<typeof volumeMountSchema>;
