import type { SchemaVersion, YamlMap } from "./types.js";
import { ARTIFACTS, mapAt, mapsAt, pickKeys, removeKey, upgradeStep } from "./util.js";

/**
 * v1beta8 → v1beta9: builder plugins are gone. An artifact `plugin` named bazel or docker becomes that
 * builder's section, and `build.executionEnvironment` named googleCloudBuild or local becomes
 * `build.googleCloudBuild` / `build.local`, each made of the plugin's `properties` that the section knows
 * (Skaffold ignores the others). Plugins and environments with any other name are dropped. A `bazel.target`
 * written directly (not as a plugin property) is kept, although Skaffold's conversion loses it.
 */
const ARTIFACT_BUILDERS: Readonly<Record<string, readonly string[]>> = {
  bazel: ["target", "args"],
  docker: ["dockerfile", "target", "buildArgs", "cacheFrom"],
};
const ENVIRONMENTS: Readonly<Record<string, readonly string[]>> = {
  googleCloudBuild: [
    "projectId",
    "diskSizeGb",
    "machineType",
    "timeout",
    "dockerImage",
    "mavenImage",
    "gradleImage",
  ],
  local: ["push", "useDockerCLI", "useBuildkit"],
};

/** Moves the plugin at `map[key]` to `map[<plugin name>]` when `sections` knows that name. */
function replacePlugin(
  map: YamlMap,
  key: string,
  sections: Readonly<Record<string, readonly string[]>>,
): void {
  const plugin = mapAt(map, key);
  removeKey(map, key);
  const name = plugin?.name;
  if (!plugin || typeof name !== "string" || !Object.hasOwn(sections, name)) return;
  map[name] = pickKeys(mapAt(plugin, "properties") ?? {}, sections[name] ?? []);
}

export const v1beta8: SchemaVersion = {
  apiVersion: "skaffold/v1beta8",
  upgrade: upgradeStep("skaffold/v1beta9", (pipeline) => {
    for (const artifact of mapsAt(pipeline, ARTIFACTS)) replacePlugin(artifact, "plugin", ARTIFACT_BUILDERS);
    for (const build of mapsAt(pipeline, "build")) replacePlugin(build, "executionEnvironment", ENVIRONMENTS);
  }),
};
