/** A parsed YAML mapping, as plain data. Upgrades read and write only this shape. */
export type YamlMap = Record<string, unknown>;

/**
 * One released skaffold.yaml apiVersion, frozen. `upgrade` is pure: it returns a new config in the next
 * version's shape (with that version's apiVersion) and never mutates its input. The latest version has none.
 */
export interface SchemaVersion {
  readonly apiVersion: string;
  readonly upgrade?: (config: YamlMap) => YamlMap;
}
