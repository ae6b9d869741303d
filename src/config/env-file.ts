import { readFileSync } from "node:fs";
import { configError } from "../errors/errors.js";

export type Env = Readonly<Record<string, string | undefined>>;

function unquote(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value
      .slice(1, -1)
      .replace(/\\([nrt"\\])/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t" })[c] ?? c);
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  const comment = value.search(/\s#/);
  return comment >= 0 ? value.slice(0, comment).trimEnd() : value;
}

/** Parses dotenv text (`KEY=value`, `export KEY=value`, quotes, `#` comments). */
export function parseEnvFile(text: string, file: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*[=:]\s*(.*)$/.exec(trimmed);
    if (!match) {
      throw configError(
        "ENV_FILE_SYNTAX",
        `invalid line in env file: ${JSON.stringify(trimmed)}`,
        { file, line: i + 1, column: 1 },
        "Each line must be KEY=VALUE.",
      );
    }
    result[match[1] ?? ""] = unquote(match[2] ?? "");
  }
  return result;
}

/**
 * The environment templates and profile activation see: the process environment, plus the env file's
 * values for keys the environment does not already set (as Skaffold treats skaffold.env).
 */
export function withEnvFile(env: Env, file: string, required: boolean): Env {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === "ENOENT") return env;
    throw configError(
      "ENV_FILE_NOT_FOUND",
      `cannot read env file ${file}`,
      { file },
      "Check the --env-file path.",
      error,
    );
  }
  return {
    ...parseEnvFile(text, file),
    ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)),
  };
}
