import { isMap } from "../util/data.js";
import type { YamlMap } from "./versions/types.js";

/**
 * Fields that Skaffold moved in a schema upgrade but that configs still carry under the newest apiVersion
 * (Skaffold's own kustomize example does): Skaffold rejects them, Trestle moves them where they belong and
 * says so. Today: `deploy.kustomize` → `manifests.kustomize` (moved in skaffold/v3).
 */
export function normaliseLegacyFields(config: YamlMap): { config: YamlMap; warnings: string[] } {
  const warnings: string[] = [];
  const fix = (section: YamlMap, where: string): YamlMap => {
    const deploy = section["deploy"];
    if (!isMap(deploy) || !isMap(deploy["kustomize"])) return section;
    const manifests = isMap(section["manifests"]) ? section["manifests"] : {};
    if (manifests["kustomize"] !== undefined) return section; // both set: leave it to the schema to reject
    const { kustomize, ...restOfDeploy } = deploy;
    warnings.push(
      `${where}deploy.kustomize moved to manifests.kustomize in skaffold/v3; Trestle treats it as manifests.kustomize (run 'trestle fix' to update the file)`,
    );
    return { ...section, deploy: restOfDeploy, manifests: { ...manifests, kustomize } };
  };
  let result = fix(config, "");
  if (Array.isArray(result["profiles"])) {
    result = {
      ...result,
      profiles: result["profiles"].map((p: unknown) =>
        isMap(p) ? fix(p, `profile "${String(p["name"])}": `) : p,
      ),
    };
  }
  return { config: result, warnings };
}
