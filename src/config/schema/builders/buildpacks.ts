/** The `buildpacks` builder: Cloud Native Buildpacks, no Dockerfile needed. */
import { z } from "zod";
import { goBool, goString, opt, requiredString, stringList, struct, watchedPathsShape } from "../common.js";

export const buildpackDependenciesSchema = struct(watchedPathsShape).meta({
  id: "BuildpackDependencies",
  description: "Files that trigger a rebuild or sync; `paths` defaults to `.`.",
});

export const buildpackVolumeSchema = struct({
  host: requiredString.describe("Host path to mount."),
  target: requiredString.describe("Mount point in the build container (avoid `/cnb` and `/layers`)."),
  options: opt(goString, "Comma-separated mount options: `ro` (default), `rw`, `volume-opt=<key>=<value>`."),
}).meta({ id: "BuildpackVolume", description: "A host path mounted into the build container." });

export const buildpackArtifactSchema = struct({
  builder: opt(goString, "Builder image; defaults to `gcr.io/buildpacks/builder:v1`."),
  runImage: opt(goString, "Run image, overriding the builder stack's default."),
  env: opt(stringList, "Build-time `KEY=value` environment (templated)."),
  buildpacks: opt(stringList, "Buildpacks to use, in order, instead of the builder's detection."),
  trustBuilder: opt(goBool, "Trust the builder (run all lifecycle phases in one container)."),
  clearCache: opt(goBool, "Start from an empty build cache."),
  projectDescriptor: opt(goString, "Project descriptor file; defaults to `project.toml` when present."),
  dependencies: opt(buildpackDependenciesSchema, "Files watched for this artifact."),
  volumes: opt(z.array(buildpackVolumeSchema), "Host paths mounted into the build container."),
  buildArgs: opt(stringList, "Extra arguments for `pack build`."),
}).meta({ id: "BuildpackArtifact", description: "Builds an image with Cloud Native Buildpacks." });

export type BuildpackDependencies = z.infer<typeof buildpackDependenciesSchema>;
export type BuildpackVolume = z.infer<typeof buildpackVolumeSchema>;
export type BuildpackArtifact = z.infer<typeof buildpackArtifactSchema>;
