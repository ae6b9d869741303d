import { stringify } from "yaml";
import { isMap, type DataMap } from "../util/data.js";
import { PIPELINE_FIELDS } from "./schema/index.js";

const TOP_LEVEL_ORDER = ["apiVersion", "kind", "metadata", "requires", ...PIPELINE_FIELDS, "profiles"];

/** Orders a config's top-level keys the way Skaffold writes them (unknown keys keep their order, last). */
export function canonicalOrder(config: DataMap): DataMap {
  const ordered: DataMap = {};
  for (const key of TOP_LEVEL_ORDER) if (key in config) ordered[key] = config[key];
  for (const [key, value] of Object.entries(config)) if (!(key in ordered)) ordered[key] = value;
  return ordered;
}

/** Serialises configs as one YAML stream, documents separated by `---`. */
export function emitConfigs(configs: readonly unknown[]): string {
  return configs
    .map((c) => stringify(isMap(c) ? canonicalOrder(c) : c, { lineWidth: 0, aliasDuplicateObjects: false }))
    .join("---\n");
}
