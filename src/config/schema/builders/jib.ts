/** The `jib` builder: Java images built by the Jib Maven or Gradle plugin. */
import type { z } from "zod";
import { goString, opt, stringList, struct } from "../common.js";

export const jibArtifactSchema = struct({
  project: opt(goString, "Module (Maven) or sub-project (Gradle) to build in a multi-module project."),
  args: opt(stringList, "Extra arguments for Maven or Gradle."),
  type: opt(goString, "`maven` or `gradle`; detected from the build files when unset."),
  fromImage: opt(goString, "Base image, overriding the one configured in the Jib plugin."),
}).meta({ id: "JibArtifact", description: "Builds a Java image with the Jib Maven/Gradle plugin." });

export type JibArtifact = z.infer<typeof jibArtifactSchema>;
