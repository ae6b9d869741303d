/** `verify` and `customActions`: containers run after deployment (`skaffold verify`) or on demand (`skaffold exec`). */
import { z } from "zod";
import { goBool, goInt, goString, opt, requiredString, stringList, struct } from "./common.js";

export const verifyEnvVarSchema = struct({
  name: requiredString.describe("Variable name."),
  value: opt(goString, "Variable value."),
}).meta({ id: "VerifyEnvVar", description: "An environment variable of a verify container." });

export const verifyContainerSchema = struct({
  name: requiredString.describe("Container name."),
  image: requiredString.describe("Container image."),
  command: opt(stringList, "Entrypoint (no shell); defaults to the image's ENTRYPOINT."),
  args: opt(stringList, "Arguments; default to the image's CMD."),
  env: opt(z.array(verifyEnvVarSchema), "Environment variables."),
}).meta({ id: "VerifyContainer", description: "A container run by a verify test or custom action." });

export const localVerifierSchema = struct({
  useLocalImages: opt(goBool, "Use local images when present instead of pulling."),
}).meta({ id: "LocalVerifier", description: "Run the containers with the local Docker daemon." });

export const kubernetesClusterVerifierSchema = struct({
  overrides: opt(goString, "Inline JSON merged into the generated Job (like `kubectl --overrides`)."),
  jobManifestPath: opt(goString, "Job manifest used as the template; its container is replaced."),
}).meta({ id: "KubernetesClusterVerifier", description: "Run the containers as a Kubernetes Job." });

export const executionModeSchema = struct({
  local: opt(localVerifierSchema, "Run with the local Docker daemon (the default)."),
  kubernetesCluster: opt(kubernetesClusterVerifierSchema, "Run as a Kubernetes Job."),
}).meta({ id: "VerifyExecutionModeConfig", description: "Where the containers run." });

const timeout = opt(goInt, "Time limit in seconds.");

export const verifyTestCaseSchema = struct({
  name: requiredString.describe("Name of the test."),
  timeout,
  container: verifyContainerSchema.describe("The container to run."),
  executionMode: opt(executionModeSchema, "Where the container runs."),
}).meta({ id: "VerifyTestCase", description: "A container run to check a deployment." });

export const actionSchema = struct({
  name: requiredString.describe("Unique name, used by `skaffold exec <name>`."),
  failFast: opt(goBool, "Stop the other containers as soon as one fails; defaults to true."),
  timeout,
  executionMode: opt(executionModeSchema, "Where the containers run."),
  containers: z.array(verifyContainerSchema).describe("Containers run in parallel."),
}).meta({ id: "Action", description: "A named set of containers run by `skaffold exec`." });

export type VerifyEnvVar = z.infer<typeof verifyEnvVarSchema>;
export type VerifyContainer = z.infer<typeof verifyContainerSchema>;
export type ExecutionMode = z.infer<typeof executionModeSchema>;
export type VerifyTestCase = z.infer<typeof verifyTestCaseSchema>;
export type Action = z.infer<typeof actionSchema>;
