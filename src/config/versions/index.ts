import type { SchemaVersion, YamlMap } from "./types.js";
import { v1alpha1 } from "./v1alpha1.js";
import { v1alpha2 } from "./v1alpha2.js";
import { v1alpha3 } from "./v1alpha3.js";
import { v1alpha4 } from "./v1alpha4.js";
import { v1alpha5 } from "./v1alpha5.js";
import { v1beta1 } from "./v1beta1.js";
import { v1beta2 } from "./v1beta2.js";
import { v1beta3 } from "./v1beta3.js";
import { v1beta4 } from "./v1beta4.js";
import { v1beta5 } from "./v1beta5.js";
import { v1beta6 } from "./v1beta6.js";
import { v1beta7 } from "./v1beta7.js";
import { v1beta8 } from "./v1beta8.js";
import { v1beta9 } from "./v1beta9.js";
import { v1beta10 } from "./v1beta10.js";
import { v1beta11 } from "./v1beta11.js";
import { v1beta12 } from "./v1beta12.js";
import { v1beta13 } from "./v1beta13.js";
import { v1beta14 } from "./v1beta14.js";
import { v1beta15 } from "./v1beta15.js";
import { v1beta16 } from "./v1beta16.js";
import { v1beta17 } from "./v1beta17.js";
import { v1 } from "./v1.js";
import { v2alpha1 } from "./v2alpha1.js";
import { v2alpha2 } from "./v2alpha2.js";
import { v2alpha3 } from "./v2alpha3.js";
import { v2alpha4 } from "./v2alpha4.js";
import { v2beta1 } from "./v2beta1.js";
import { v2beta2 } from "./v2beta2.js";
import { v2beta3 } from "./v2beta3.js";
import { v2beta4 } from "./v2beta4.js";
import { v2beta5 } from "./v2beta5.js";
import { v2beta6 } from "./v2beta6.js";
import { v2beta7 } from "./v2beta7.js";
import { v2beta8 } from "./v2beta8.js";
import { v2beta9 } from "./v2beta9.js";
import { v2beta10 } from "./v2beta10.js";
import { v2beta11 } from "./v2beta11.js";
import { v2beta12 } from "./v2beta12.js";
import { v2beta13 } from "./v2beta13.js";
import { v2beta14 } from "./v2beta14.js";
import { v2beta15 } from "./v2beta15.js";
import { v2beta16 } from "./v2beta16.js";
import { v2beta17 } from "./v2beta17.js";
import { v2beta18 } from "./v2beta18.js";
import { v2beta19 } from "./v2beta19.js";
import { v2beta20 } from "./v2beta20.js";
import { v2beta21 } from "./v2beta21.js";
import { v2beta22 } from "./v2beta22.js";
import { v2beta23 } from "./v2beta23.js";
import { v2beta24 } from "./v2beta24.js";
import { v2beta25 } from "./v2beta25.js";
import { v2beta26 } from "./v2beta26.js";
import { v2beta27 } from "./v2beta27.js";
import { v2beta28 } from "./v2beta28.js";
import { v2beta29 } from "./v2beta29.js";
import { v3alpha1 } from "./v3alpha1.js";
import { v3 } from "./v3.js";
import { v4beta1 } from "./v4beta1.js";
import { v4beta2 } from "./v4beta2.js";
import { v4beta3 } from "./v4beta3.js";
import { v4beta4 } from "./v4beta4.js";
import { v4beta5 } from "./v4beta5.js";
import { v4beta6 } from "./v4beta6.js";
import { v4beta7 } from "./v4beta7.js";
import { v4beta8 } from "./v4beta8.js";
import { v4beta9 } from "./v4beta9.js";
import { v4beta10 } from "./v4beta10.js";
import { v4beta11 } from "./v4beta11.js";
import { v4beta12 } from "./v4beta12.js";
import { v4beta13 } from "./v4beta13.js";
import { v4beta14 } from "./v4beta14.js";
import { cloneMap } from "./util.js";

export type { SchemaVersion, YamlMap } from "./types.js";

/** Every skaffold.yaml apiVersion Skaffold accepts, oldest first, in Skaffold's own order. */
export const schemaVersions: readonly SchemaVersion[] = [
  v1alpha1,
  v1alpha2,
  v1alpha3,
  v1alpha4,
  v1alpha5,
  v1beta1,
  v1beta2,
  v1beta3,
  v1beta4,
  v1beta5,
  v1beta6,
  v1beta7,
  v1beta8,
  v1beta9,
  v1beta10,
  v1beta11,
  v1beta12,
  v1beta13,
  v1beta14,
  v1beta15,
  v1beta16,
  v1beta17,
  v1,
  v2alpha1,
  v2alpha2,
  v2alpha3,
  v2alpha4,
  v2beta1,
  v2beta2,
  v2beta3,
  v2beta4,
  v2beta5,
  v2beta6,
  v2beta7,
  v2beta8,
  v2beta9,
  v2beta10,
  v2beta11,
  v2beta12,
  v2beta13,
  v2beta14,
  v2beta15,
  v2beta16,
  v2beta17,
  v2beta18,
  v2beta19,
  v2beta20,
  v2beta21,
  v2beta22,
  v2beta23,
  v2beta24,
  v2beta25,
  v2beta26,
  v2beta27,
  v2beta28,
  v2beta29,
  v3alpha1,
  v3,
  v4beta1,
  v4beta2,
  v4beta3,
  v4beta4,
  v4beta5,
  v4beta6,
  v4beta7,
  v4beta8,
  v4beta9,
  v4beta10,
  v4beta11,
  v4beta12,
  v4beta13,
  v4beta14,
];

export const LATEST_API_VERSION = "skaffold/v4beta14";

export function findVersion(apiVersion: string): SchemaVersion | undefined {
  return schemaVersions.find((version) => version.apiVersion === apiVersion);
}

function indexOf(apiVersion: string, role: string): number {
  const index = schemaVersions.findIndex((version) => version.apiVersion === apiVersion);
  if (index < 0) throw new Error(`unknown ${role} apiVersion "${apiVersion}"`);
  return index;
}

/**
 * Upgrades a parsed config one version at a time from its `apiVersion` to `target` (the latest by default).
 * Pure: the input is never modified. Throws a plain Error when the config's apiVersion is missing or unknown,
 * when it is newer than `target`, or when a step cannot convert the config.
 */
export function upgradeConfig(config: YamlMap, target: string = LATEST_API_VERSION): YamlMap {
  const source = config.apiVersion;
  if (typeof source !== "string") throw new Error("missing apiVersion");
  const from = indexOf(source, "config");
  const to = indexOf(target, "target");
  if (from > to) throw new Error(`config version "${source}" is more recent than target version "${target}"`);
  let current = cloneMap(config);
  for (const version of schemaVersions.slice(from, to)) {
    if (!version.upgrade) throw new Error(`no upgrade from ${version.apiVersion}`);
    current = version.upgrade(current);
  }
  return current;
}
