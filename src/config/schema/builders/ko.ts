/** The `ko` builder: Go binaries layered onto a base image without a Dockerfile. */
import type { z } from "zod";
import { goInt, goString, opt, stringList, stringMap, struct, watchedPathsShape } from "../common.js";

export const koDependenciesSchema = struct(watchedPathsShape).meta({
  id: "KoDependencies",
  description: "Files that trigger a rebuild or sync; `paths` defaults to `**/*.go`.",
});

export const koArtifactSchema = struct({
  fromImage: opt(goString, "Base image; defaults to `gcr.io/distroless/static:nonroot`."),
  dependencies: opt(koDependenciesSchema, "Files watched for this artifact."),
  dir: opt(goString, "Directory (relative to the context) where `go` runs."),
  env: opt(stringList, "Build-time `KEY=value` environment for `go build` (templated)."),
  flags: opt(stringList, "Extra `go build` flags (templated)."),
  gcflags: opt(
    stringList,
    "Go compiler flags, passed as one `-gcflags` (templated), e.g. `[\"-m\"]`. A Trestle addition from Skaffold's ko design; Skaffold's released schemas lack it.",
  ),
  labels: opt(stringMap, "Image config labels (templated)."),
  ldflags: opt(stringList, "Linker flags (templated)."),
  main: opt(goString, "Main package to build, relative to the context; defaults to `.`."),
  sourceDateEpoch: opt(
    goInt.nonnegative(),
    "Seconds since 1970 for the image's `created` time and the binary layer's file times; overrides the `SOURCE_DATE_EPOCH` environment variable. A Trestle addition from Skaffold's ko design; Skaffold's released schemas lack it.",
  ),
}).meta({ id: "KoArtifact", description: "Builds a Go image with ko." });

export type KoDependencies = z.infer<typeof koDependenciesSchema>;
export type KoArtifact = z.infer<typeof koArtifactSchema>;
