import { configError, type TrestleError } from "../errors/errors.js";
import { skaffoldConfigSchema, type SkaffoldConfig } from "./schema/index.js";
import { applyPatch } from "./json-patch.js";
import { overlayProfile } from "./profile-overlay.js";
import type { YamlMap } from "./versions/types.js";
import type { YamlDocument } from "./yaml-document.js";
import { issuesToErrors } from "./zod-issues.js";

/**
 * Applies the named profiles, in order, to a schema-checked config: overlay first, then the profile's JSON
 * patches. The result is checked against the schema again and has no `profiles` left.
 */
export function applyProfiles(
  config: SkaffoldConfig,
  names: readonly string[],
  doc: YamlDocument,
): SkaffoldConfig {
  const profiles = config.profiles ?? [];
  let current = structuredClone(config) as YamlMap;
  for (const name of names) {
    const index = profiles.findIndex((p) => p.name === name);
    const profile = profiles[index];
    if (!profile) continue;
    current = overlayProfile(current, profile);
    for (const [patchIndex, patch] of (profile.patches ?? []).entries()) {
      try {
        current = applyPatch(current, patch) as YamlMap;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw configError(
          "CONFIG_PATCH_FAILED",
          `profile "${name}": patch ${patchIndex} (${patch.op ?? "replace"} ${patch.path}) failed: ${reason}`,
          doc.locate(["profiles", index, "patches", patchIndex, "path"]),
          "Check the patch path against the config after the profile's overlay; 'trestle diagnose --yaml-only' shows the config without this profile.",
        );
      }
    }
  }
  Reflect.deleteProperty(current, "profiles");
  const checked = skaffoldConfigSchema.safeParse(current);
  if (!checked.success) {
    const errors: TrestleError[] = issuesToErrors(
      checked.error.issues,
      doc,
      current,
      ` (after applying profiles ${names.join(", ")})`,
    );
    throw (
      errors[0] ??
      configError("CONFIG_INVALID", "invalid config after applying profiles", doc.locate(["profiles"]))
    );
  }
  return checked.data;
}
