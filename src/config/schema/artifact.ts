/** A build artifact: one image, its context, and exactly one builder. */
import { z } from "zod";
import { bazelArtifactSchema } from "./builders/bazel.js";
import { buildpackArtifactSchema } from "./builders/buildpacks.js";
import { customArtifactSchema } from "./builders/custom.js";
import { dockerArtifactSchema } from "./builders/docker.js";
import { jibArtifactSchema } from "./builders/jib.js";
import { kanikoArtifactSchema } from "./builders/kaniko.js";
import { koArtifactSchema } from "./builders/ko.js";
import { goString, opt, requiredString, stringList, struct } from "./common.js";
import { hostHooksSchema } from "./hooks.js";
import { syncSchema } from "./sync.js";

/** The builder keys of an artifact, in Skaffold's declaration order (`ArtifactType` in config.go). */
export const ARTIFACT_TYPES = ["docker", "bazel", "ko", "jib", "kaniko", "buildpacks", "custom"] as const;

/** Which builder an artifact uses. */
export type ArtifactType = (typeof ARTIFACT_TYPES)[number];

/** Skaffold's `ArtifactType`, inlined into the artifact: at most one key is set. */
export const artifactTypeShape = {
  docker: opt(dockerArtifactSchema, "Build from a Dockerfile with Docker (the default builder)."),
  bazel: opt(bazelArtifactSchema, "Build with Bazel."),
  ko: opt(koArtifactSchema, "Build a Go application with ko."),
  jib: opt(jibArtifactSchema, "Build a Java application with the Jib Maven/Gradle plugin."),
  kaniko: opt(kanikoArtifactSchema, "Build a Dockerfile with kaniko in the cluster (needs `build.cluster`)."),
  buildpacks: opt(buildpackArtifactSchema, "Build with Cloud Native Buildpacks."),
  custom: opt(customArtifactSchema, "Build with your own script."),
} satisfies Record<ArtifactType, z.ZodType>;

export const artifactDependencySchema = struct({
  image: requiredString.describe("Image name of another artifact this one needs."),
  alias: opt(
    goString,
    "Name under which the builder receives the built image (docker: a build arg); defaults to `image`.",
  ),
}).meta({ id: "ArtifactDependency", description: "Another artifact that must be built first." });

export const artifactSchema = struct({
  image: requiredString.describe("Name of the image to build, e.g. `gcr.io/k8s-skaffold/example`."),
  context: opt(goString, "Directory with the artifact's sources; defaults to `.`."),
  sync: opt(syncSchema, "Files synced into running containers instead of rebuilding."),
  ...artifactTypeShape,
  requires: opt(z.array(artifactDependencySchema), "Artifacts this one depends on (built first)."),
  hooks: opt(hostHooksSchema, "Host commands run before and after each build of this artifact."),
  platforms: opt(stringList, "Target platforms (`os[/arch[/variant]]`), overriding `build.platforms`."),
  runtimeType: opt(goString, "Language runtime for debugging: `go`, `nodejs`, `jvm`, `python` or `netcore`."),
}).meta({ id: "Artifact", description: "An image to build: its name, sources and builder." });

export type ArtifactDependency = z.infer<typeof artifactDependencySchema>;
export type Artifact = z.infer<typeof artifactSchema>;
