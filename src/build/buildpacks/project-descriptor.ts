/**
 * The project descriptor (`project.toml`) as a buildpacks platform reads it: build-time env, the buildpack
 * group, and which files of the app to include or exclude. Both schemas: 0.2 (`[_]` + `[io.buildpacks]`)
 * and the legacy 0.1 (`[project]` + `[build]`).
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { userError } from "../../errors/errors.js";
import { parseToml, TomlError, type TomlTable, type TomlValue } from "./toml.js";

/** What Trestle uses from a project descriptor. */
export interface ProjectDescriptor {
  /** `[[…build.env]]` name → value, in file order. */
  readonly env: Readonly<Record<string, string>>;
  /** Buildpacks of `[[…group]]` / `[[build.buildpacks]]` as `id` or `id@version`. */
  readonly buildpacks: readonly string[];
  /** gitignore-style patterns; only one of include/exclude may be set. */
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

export const EMPTY_DESCRIPTOR: ProjectDescriptor = { env: {}, buildpacks: [], include: [], exclude: [] };

function table(value: TomlValue | undefined): TomlTable {
  return typeof value === "object" && !Array.isArray(value) ? value : {};
}

function strings(value: TomlValue | undefined, where: string, file: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === "string")) {
    throw userError("BUILDPACKS_BAD_PROJECT_DESCRIPTOR", `${file}: ${where} must be a list of strings`);
  }
  return value;
}

/** Reads the parsed descriptor; `file` names it in errors. */
export function projectDescriptorFrom(doc: TomlTable, file: string): ProjectDescriptor {
  const modern = table(table(doc["io"])["buildpacks"]);
  const isModern = "_" in doc || Object.keys(modern).length > 0;
  const build = isModern ? modern : table(doc["build"]);
  const prefix = isModern ? "io.buildpacks" : "build";
  const envList = isModern ? table(build["build"])["env"] : build["env"];
  const env: Record<string, string> = {};
  for (const entry of Array.isArray(envList) ? envList : []) {
    const { name, value } = table(entry);
    if (typeof name !== "string" || name === "" || (value !== undefined && typeof value !== "string")) {
      throw userError(
        "BUILDPACKS_BAD_PROJECT_DESCRIPTOR",
        `${file}: every [[${prefix}.build.env]] needs a name and a string value`,
      );
    }
    env[name] = value ?? "";
  }
  const groupList = build[isModern ? "group" : "buildpacks"];
  const buildpacks = (Array.isArray(groupList) ? groupList : []).map((entry) => {
    const { id, version, uri } = table(entry);
    if (typeof id !== "string" || id === "") {
      const where = typeof uri === "string" ? `the buildpack ${uri}` : "a buildpack entry";
      throw userError(
        "BUILDPACKS_UNSUPPORTED_BUILDPACK",
        `${file}: ${where} has no id; Trestle uses buildpacks of the builder by id only (no URIs)`,
      );
    }
    return typeof version === "string" && version !== "" ? `${id}@${version}` : id;
  });
  const include = strings(build["include"], `${prefix}.include`, file);
  const exclude = strings(build["exclude"], `${prefix}.exclude`, file);
  if (include.length > 0 && exclude.length > 0) {
    throw userError(
      "BUILDPACKS_BAD_PROJECT_DESCRIPTOR",
      `${file}: ${prefix}.include and ${prefix}.exclude cannot both be set`,
    );
  }
  return { env, buildpacks, include, exclude };
}

/** Reads `<workspace>/<file>`; an absent file gives the empty descriptor, a malformed one a user error. */
export async function readProjectDescriptor(workspace: string, file: string): Promise<ProjectDescriptor> {
  const path = resolve(workspace, file);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return EMPTY_DESCRIPTOR;
    throw error;
  }
  try {
    return projectDescriptorFrom(parseToml(text), path);
  } catch (error) {
    if (error instanceof TomlError) {
      throw userError(
        "BUILDPACKS_BAD_PROJECT_DESCRIPTOR",
        `${path}: ${error.message}`,
        "Fix the TOML syntax.",
      );
    }
    throw error;
  }
}
