/** The `bazel` builder: an image tarball produced by a Bazel target. */
import { z } from "zod";
import { opt, requiredString, stringList, struct } from "../common.js";

export const bazelPlatformMappingSchema = struct({
  platform: requiredString.describe("Skaffold platform, e.g. `linux/amd64`."),
  target: requiredString.describe(
    "Bazel platform label passed to `--platforms`, e.g. `//platforms:linux_amd64`.",
  ),
}).meta({ id: "BazelPlatformMapping", description: "Maps a target platform to a Bazel platform label." });

export const bazelArtifactSchema = struct({
  target: requiredString.describe("The `bazel build` target producing the image tar, e.g. `//:app.tar`."),
  args: opt(stringList, "Extra arguments for `bazel build`."),
  platforms: opt(
    z.array(bazelPlatformMappingSchema),
    "How target platforms map to Bazel `--platforms` labels.",
  ),
}).meta({ id: "BazelArtifact", description: "Builds an image with Bazel." });

export type BazelPlatformMapping = z.infer<typeof bazelPlatformMappingSchema>;
export type BazelArtifact = z.infer<typeof bazelArtifactSchema>;
