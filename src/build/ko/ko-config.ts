/**
 * ko's own configuration file, `.ko.yaml`: found through `KO_CONFIG_PATH` (a file, or a directory
 * holding `.ko.yaml`) or in the directory where `go` runs. Unknown keys are ignored, as ko does.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { configError } from "../../errors/errors.js";

const stringList = z.array(z.coerce.string());

const buildSchema = z.looseObject({
  id: z.coerce.string().optional(),
  dir: z.coerce.string().optional(),
  main: z.coerce.string().optional(),
  env: stringList.optional(),
  flags: stringList.optional(),
  ldflags: stringList.optional(),
});

const koYamlSchema = z.looseObject({
  defaultBaseImage: z.string().optional(),
  baseImageOverrides: z.record(z.string(), z.string()).optional(),
  defaultPlatforms: stringList.optional(),
  defaultEnv: stringList.optional(),
  defaultFlags: stringList.optional(),
  defaultLdflags: stringList.optional(),
  builds: z.array(buildSchema).optional(),
});

/** The parts of `.ko.yaml` the ko builder uses. */
export type KoYaml = z.infer<typeof koYamlSchema>;
/** One `builds` entry of `.ko.yaml`. */
export type KoYamlBuild = z.infer<typeof buildSchema>;

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === "ENOENT" ||
      (error as NodeJS.ErrnoException).code === "EISDIR"
    )
      return undefined;
    throw error;
  }
}

/** Reads `.ko.yaml`; an absent file is an empty configuration. */
export async function loadKoYaml(
  workingDir: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ readonly config: KoYaml; readonly file?: string }> {
  const configured = env["KO_CONFIG_PATH"];
  const candidates = configured ? [configured, join(configured, ".ko.yaml")] : [join(workingDir, ".ko.yaml")];
  for (const file of candidates) {
    const text = await readIfPresent(file);
    if (text === undefined) continue;
    let data: unknown;
    try {
      data = parse(text) ?? {};
    } catch (cause) {
      throw configError(
        "KO_YAML_INVALID",
        `${file} is not valid YAML: ${String(cause)}`,
        { file },
        undefined,
        cause,
      );
    }
    const result = koYamlSchema.safeParse(data);
    if (!result.success) {
      const issue = result.error.issues[0];
      const path = issue?.path.join(".") ?? "";
      throw configError(
        "KO_YAML_INVALID",
        `${file}: ${path === "" ? "" : `${path}: `}${issue?.message ?? "invalid"}`,
        { file, path },
      );
    }
    return { config: result.data, file };
  }
  return { config: {} };
}
