import type { SchemaVersion, YamlMap } from "./types.js";
import { HELM_RELEASES, mapsAt, pipelinesOf, withVersion } from "./util.js";

/**
 * v1alpha2 → v1alpha3: helm `valuesFilePath` becomes the list `valuesFiles`, and the top-level
 * `build.kaniko.gcsBucket` moves to `build.kaniko.buildContext.gcsBucket`. Skaffold converts the kaniko bucket
 * of the top-level build only: a profile's `build.kaniko.gcsBucket` is dropped.
 */
function upgrade(config: YamlMap): YamlMap {
  const out = withVersion(config, "skaffold/v1alpha3");
  for (const { pipeline, profileIndex } of pipelinesOf(out)) {
    for (const kaniko of mapsAt(pipeline, "build.kaniko")) {
      const bucket = kaniko.gcsBucket;
      delete kaniko.gcsBucket;
      if (profileIndex === undefined && bucket !== undefined && bucket !== null && bucket !== "") {
        kaniko.buildContext = { gcsBucket: bucket };
      }
    }
    for (const release of mapsAt(pipeline, HELM_RELEASES)) {
      const path = release.valuesFilePath;
      delete release.valuesFilePath;
      if (typeof path === "string" && path !== "") release.valuesFiles = [path];
    }
  }
  return out;
}

export const v1alpha2: SchemaVersion = { apiVersion: "skaffold/v1alpha2", upgrade };
