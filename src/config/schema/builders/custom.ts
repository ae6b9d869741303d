/** The `custom` builder: a user script builds (and pushes) the image. */
import type { z } from "zod";
import { dependencyCommand, goString, nullableStringMap, opt, struct, watchedPathsShape } from "../common.js";

export const dockerfileDependencySchema = struct({
  path: opt(goString, "Dockerfile path relative to the context."),
  buildArgs: opt(
    nullableStringMap,
    "Values for the Dockerfile's `ARG`s (templated) used to resolve its inputs.",
  ),
}).meta({ id: "DockerfileDependency", description: "Derive the dependencies from a Dockerfile." });

export const customDependenciesSchema = struct({
  dockerfile: opt(dockerfileDependencySchema, "Take the dependencies from a Dockerfile."),
  command: dependencyCommand,
  ...watchedPathsShape,
}).meta({
  id: "CustomDependencies",
  description:
    "Files that trigger a rebuild: set one of `dockerfile`, `command` or `paths`; defaults to `paths: [.]`.",
});

export const customArtifactSchema = struct({
  buildCommand: opt(
    goString,
    "Command that builds the image; it receives IMAGE, PUSH_IMAGE, BUILD_CONTEXT, …",
  ),
  dependencies: opt(customDependenciesSchema, "Files watched for this artifact."),
}).meta({ id: "CustomArtifact", description: "Builds an image with a user-provided script." });

export type DockerfileDependency = z.infer<typeof dockerfileDependencySchema>;
export type CustomDependencies = z.infer<typeof customDependenciesSchema>;
export type CustomArtifact = z.infer<typeof customArtifactSchema>;
