/**
 * The environment of a custom build script, as Skaffold sets it (`pkg/skaffold/build/custom/script.go`):
 * IMAGE, PUSH_IMAGE, BUILD_CONTEXT, PLATFORMS, SKIP_TEST, IMAGE_REPO (the full name without tag) and
 * IMAGE_TAG, the required artifacts' references by alias, over the caller's environment.
 */
import { resolve } from "node:path";
import { parseImageReference } from "../tag/reference.js";
import type { BuildRequest } from "../types.js";

/** Settings of the custom builder that reach the script. */
export interface CustomBuildSettings {
  /** `--skip-tests`: passed as SKIP_TEST. */
  readonly skipTests?: boolean;
}

/**
 * The script's environment. Unlike Skaffold (where a variable already set in the environment silently wins
 * over IMAGE and friends), the values Trestle computes win.
 */
export function customBuildEnv(
  request: Pick<BuildRequest, "tag" | "push" | "workspace" | "platforms" | "dependencies" | "env">,
  settings: CustomBuildSettings = {},
): Record<string, string | undefined> {
  const ref = parseImageReference(request.tag);
  return {
    ...request.env,
    ...Object.fromEntries(request.dependencies),
    IMAGE: request.tag,
    PUSH_IMAGE: String(request.push),
    BUILD_CONTEXT: resolve(request.workspace),
    PLATFORMS: request.platforms.join(","),
    SKIP_TEST: String(settings.skipTests === true),
    IMAGE_REPO: ref.baseName,
    IMAGE_TAG: ref.tag,
  };
}
