import { configError, TrestleErrors, type TrestleError } from "../errors/errors.js";
import { skaffoldConfigSchema, type SkaffoldConfig } from "./schema/index.js";
import { findVersion, LATEST_API_VERSION, schemaVersions, upgradeConfig } from "./versions/index.js";
import type { YamlMap } from "./versions/types.js";
import type { YamlDocument } from "./yaml-document.js";
import { normaliseLegacyFields } from "./legacy-fields.js";
import { issuesToErrors } from "./zod-issues.js";

/** One config document, upgraded to the latest apiVersion and checked against the latest schema. */
export interface ParsedConfig {
  readonly doc: YamlDocument;
  /** The apiVersion as written in the file. */
  readonly originalApiVersion: string;
  readonly config: SkaffoldConfig;
  /** Things the user should fix that Trestle could work around. */
  readonly warnings: readonly string[];
}

function isMapping(value: unknown): value is YamlMap {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Whether a parsed YAML document is a Skaffold config at all (by its apiVersion). */
export function isSkaffoldDocument(data: unknown): boolean {
  return (
    isMapping(data) && typeof data["apiVersion"] === "string" && data["apiVersion"].startsWith("skaffold/")
  );
}

function supportedList(): string {
  const names = schemaVersions.map((v) => v.apiVersion.replace("skaffold/", ""));
  return `${names.slice(0, 3).join(", ")} … ${names.slice(-3).join(", ")} (${names.length} versions; 'trestle schema list' prints them all)`;
}

/** Upgrades a raw config mapping to the latest apiVersion; errors point at the document's apiVersion. */
export function upgradeDocument(doc: YamlDocument, target: string = LATEST_API_VERSION): YamlMap {
  const data = doc.data;
  if (!isMapping(data)) {
    throw configError(
      "CONFIG_NOT_A_MAPPING",
      "a config document must be a YAML mapping",
      doc.locate([]),
      "Start the document with `apiVersion: skaffold/v4beta14` and `kind: Config`.",
    );
  }
  const apiVersion = data["apiVersion"];
  if (typeof apiVersion !== "string" || apiVersion === "") {
    throw configError(
      "CONFIG_MISSING_API_VERSION",
      "missing apiVersion",
      doc.locate([]),
      `Add \`apiVersion: ${LATEST_API_VERSION}\` as the first line of the document.`,
    );
  }
  if (!apiVersion.startsWith("skaffold/")) {
    throw configError(
      "CONFIG_NOT_SKAFFOLD",
      `not a Skaffold config: apiVersion is "${apiVersion}"`,
      doc.locate(["apiVersion"]),
      "Point -f/--filename at a skaffold.yaml file.",
    );
  }
  if (!findVersion(apiVersion)) {
    throw configError(
      "CONFIG_UNKNOWN_API_VERSION",
      `unknown apiVersion "${apiVersion}"`,
      doc.locate(["apiVersion"]),
      `Supported: ${supportedList()}.`,
    );
  }
  try {
    return upgradeConfig(data, target);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw configError(
      "CONFIG_UPGRADE_FAILED",
      `cannot upgrade from ${apiVersion}: ${message}`,
      doc.locate(["apiVersion"]),
      "Edit the config by hand for this field, or run 'trestle fix' to see the upgraded form.",
      error,
    );
  }
}

/** Parses, upgrades and schema-checks one document, reporting every schema problem at once. */
export function parseConfigDocument(doc: YamlDocument): ParsedConfig {
  const { config: upgraded, warnings } = normaliseLegacyFields(upgradeDocument(doc));
  const original = String((doc.data as YamlMap)["apiVersion"]);
  const kind = (doc.data as YamlMap)["kind"];
  if (kind !== "Config") {
    const where = doc.locate(["kind"]);
    warnings.push(
      `${where.file}:${String(where.line ?? "?")}: kind is ${JSON.stringify(kind ?? null)}; Skaffold configs use \`kind: Config\``,
    );
  }
  const result = skaffoldConfigSchema.safeParse(upgraded);
  if (!result.success) {
    const note = original === LATEST_API_VERSION ? "" : ` (after upgrading from ${original})`;
    const errors: TrestleError[] = issuesToErrors(result.error.issues, doc, upgraded, note);
    throw errors.length === 1 && errors[0] ? errors[0] : new TrestleErrors(errors);
  }
  return { doc, originalApiVersion: original, config: result.data, warnings };
}
