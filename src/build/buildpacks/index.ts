/** Cloud Native Buildpacks: Trestle as the CNB platform (see README.md). */
export { BuildpacksBuilder, DEFAULT_BUILDER, type BuildpacksBuilderOptions } from "./builder.js";
export { autoSyncRules, buildpacksAutoSync, type BuildpacksSyncInputs } from "./sync-rules.js";
