import { latestJsonSchema } from "../../config/schema/json-schema.js";
import { LATEST_API_VERSION, schemaVersions } from "../../config/versions/index.js";
import { userError } from "../../errors/errors.js";
import type { CommandContext } from "../command-spec.js";

/** `trestle schema list|get [VERSION]`. */
export function run(context: CommandContext): Promise<number> {
  const [sub, version] = context.parsed.args;
  const format = context.parsed.flags.string("output") || "plain";
  if (sub === "list") {
    const names = schemaVersions.map((v) => v.apiVersion);
    if (format === "json") context.stdout.write(`${JSON.stringify({ versions: names }, null, 2)}\n`);
    else if (format === "plain") context.stdout.write(`${names.join("\n")}\n`);
    else throw userError("USAGE", `unknown output format "${format}"`, "Use -o plain or -o json.", 127);
    return Promise.resolve(0);
  }
  if (sub === "get") {
    const wanted =
      version === undefined
        ? LATEST_API_VERSION
        : version.startsWith("skaffold/")
          ? version
          : `skaffold/${version}`;
    if (!schemaVersions.some((v) => v.apiVersion === wanted)) {
      throw userError(
        "SCHEMA_UNKNOWN_VERSION",
        `unknown apiVersion "${version ?? ""}"`,
        "Run 'trestle schema list' for the supported versions.",
      );
    }
    if (wanted !== LATEST_API_VERSION) {
      throw userError(
        "SCHEMA_NOT_AVAILABLE",
        `Trestle keeps the JSON Schema of ${LATEST_API_VERSION} only`,
        `Configs at ${wanted} are accepted and upgraded on load; 'trestle fix' shows the upgraded form.`,
      );
    }
    context.stdout.write(`${JSON.stringify(latestJsonSchema(), null, 2)}\n`);
    return Promise.resolve(0);
  }
  throw userError(
    "USAGE",
    sub === undefined ? "missing subcommand" : `unknown subcommand "${sub}"`,
    "Usage: trestle schema list | trestle schema get [VERSION]",
    127,
  );
}
