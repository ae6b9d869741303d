/** Cloud Native Buildpacks: Trestle as the CNB platform (see README.md). */
export { BuildpacksBuilder, DEFAULT_BUILDER, type BuildpacksBuilderOptions } from "./builder.js";
export {
  autoSyncRules,
  buildpacksAutoSync,
  buildpacksAutoSyncReading,
  type BuildpacksSyncInputs,
} from "./sync-rules.js";
export { legacySbomReader, type LegacySbomReader, type LegacySbomSources } from "./legacy-sbom.js";
