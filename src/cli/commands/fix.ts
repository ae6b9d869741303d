import { copyFile } from "node:fs/promises";
import { resolve } from "node:path";
import { emitConfigs } from "../../config/emit.js";
import { parseConfigDocument, upgradeDocument } from "../../config/parse.js";
import { readConfigSource, isUrl } from "../../config/source.js";
import { findVersion, LATEST_API_VERSION, schemaVersions } from "../../config/versions/index.js";
import { parseYamlDocuments, type YamlDocument } from "../../config/yaml-document.js";
import { userError } from "../../errors/errors.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import type { CommandContext } from "../command-spec.js";

function apiVersionOf(doc: YamlDocument): string {
  const data = doc.data;
  const value =
    data !== null && typeof data === "object" ? (data as Record<string, unknown>)["apiVersion"] : undefined;
  return typeof value === "string" ? value : "";
}

function order(apiVersion: string): number {
  return schemaVersions.findIndex((v) => v.apiVersion === apiVersion);
}

/** `trestle fix`: upgrades every config document of a file to the target apiVersion. */
export async function run(context: CommandContext): Promise<number> {
  const flags = context.parsed.flags;
  const requested = flags.string("version");
  const target =
    requested === ""
      ? LATEST_API_VERSION
      : requested.startsWith("skaffold/")
        ? requested
        : `skaffold/${requested}`;
  if (!findVersion(target)) {
    throw userError(
      "USAGE",
      `unknown target version "${requested}"`,
      "Run 'trestle schema list' for the supported versions.",
      127,
    );
  }
  const source = await readConfigSource(flags.string("filename"), context.cwd);
  const docs = parseYamlDocuments(source.file, source.text);
  const versions = docs.map(apiVersionOf);
  const upgraded = docs.map((doc) => {
    const from = apiVersionOf(doc);
    if (findVersion(from) && order(from) > order(target)) {
      throw userError(
        "FIX_DOWNGRADE",
        `${source.file} is already at ${from}, newer than ${target}`,
        "'trestle fix' only upgrades.",
      );
    }
    // At the latest version the result is also checked against the schema, so that nothing invalid is written.
    if (target === LATEST_API_VERSION) parseConfigDocument(doc);
    return upgradeDocument(doc, target);
  });
  if (versions.every((v) => v === target)) {
    context.stderr.write(`config is already version ${target}\n`);
    return 0;
  }
  const text = emitConfigs(upgraded);
  const output = flags.string("output");
  if (flags.bool("overwrite")) {
    if (isUrl(source.file)) throw userError("USAGE", "--overwrite needs a local file", undefined, 127);
    const oldest = versions[0]?.replace("skaffold/", "") ?? "old";
    const backup = `${source.file}.${oldest}.bak`;
    await copyFile(source.file, backup);
    await writeFileAtomic(source.file, text);
    context.stderr.write(`Upgraded ${source.file} to ${target} (the original is kept as ${backup})\n`);
  } else if (output !== "") {
    await writeFileAtomic(resolve(context.cwd, output), text);
    context.stderr.write(`Wrote the upgraded config to ${output}\n`);
  } else {
    context.stdout.write(text);
  }
  return 0;
}
