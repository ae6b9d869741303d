import type { SchemaVersion, YamlMap } from "./types.js";
import { ARTIFACTS, eachMapAt, listAt, mapAt, upgradeStep } from "./util.js";

/**
 * v1beta13 → v1beta14: `jibMaven` and `jibGradle` merge into one `jib` builder with a `type`. A Maven `module`
 * becomes `project` and a Maven `profile` becomes `--activate-profiles <profile>` appended to `args`.
 */
function jib(project: unknown, args: unknown[], type: string): YamlMap {
  const out: YamlMap = {};
  if (typeof project === "string" && project !== "") out.project = project;
  if (args.length > 0) out.args = args;
  out.type = type;
  return out;
}

export const v1beta13: SchemaVersion = {
  apiVersion: "skaffold/v1beta13",
  upgrade: upgradeStep(
    "skaffold/v1beta14",
    eachMapAt(ARTIFACTS, (artifact) => {
      const maven = mapAt(artifact, "jibMaven");
      const gradle = mapAt(artifact, "jibGradle");
      delete artifact.jibMaven;
      delete artifact.jibGradle;
      if (maven) {
        const profile = maven.profile;
        const activate =
          typeof profile === "string" && profile !== "" ? ["--activate-profiles", profile] : [];
        artifact.jib = jib(maven.module, [...(listAt(maven, "args") ?? []), ...activate], "maven");
      } else if (gradle) {
        artifact.jib = jib(gradle.project, listAt(gradle, "args") ?? [], "gradle");
      }
    }),
  ),
};
