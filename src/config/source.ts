import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { configError, externalError } from "../errors/errors.js";

/** A config file's text and where it came from. */
export interface ConfigSource {
  /** Absolute path, or the URL for remote configs. */
  readonly file: string;
  readonly text: string;
}

export function isUrl(path: string): boolean {
  return /^https?:\/\//.test(path);
}

/**
 * Reads a config file: a path (a directory means its skaffold.yaml) or an http(s) URL. A missing file is a
 * config error naming the path and who asked for it.
 */
export async function readConfigSource(
  path: string,
  cwd: string,
  requiredBy?: string,
): Promise<ConfigSource> {
  if (isUrl(path)) {
    let response: Response;
    try {
      response = await fetch(path);
    } catch (error) {
      throw externalError(
        "CONFIG_FETCH_FAILED",
        `cannot download config ${path}`,
        "Check the URL and your network.",
        error,
      );
    }
    if (!response.ok)
      throw externalError("CONFIG_FETCH_FAILED", `cannot download config ${path}: HTTP ${response.status}`);
    return { file: path, text: await response.text() };
  }
  let file = resolve(cwd, path);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "skaffold.yaml");
    return { file, text: await readFile(file, "utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      const who = requiredBy ? ` (required by ${requiredBy})` : "";
      throw configError(
        "CONFIG_FILE_NOT_FOUND",
        `config file ${file} not found${who}`,
        undefined,
        requiredBy
          ? "Fix the path in `requires`."
          : "Run Trestle in a folder with a skaffold.yaml, or pass -f <file>.",
      );
    }
    throw externalError("CONFIG_READ_FAILED", `cannot read config file ${file}`, undefined, error);
  }
}
