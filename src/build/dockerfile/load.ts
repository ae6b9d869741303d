/**
 * Locating and reading what a Dockerfile build depends on: the Dockerfile itself (as Skaffold resolves its
 * path), the `.dockerignore` that applies to it, and the evaluated stages.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { userError } from "../../errors/errors.js";
import { BadPatternError } from "./go-match.js";
import { IgnoreMatcher, parseDockerignore } from "./ignore.js";
import { parseDockerfile } from "./parse.js";
import { evaluateStages, type DockerfileStages, type EvaluateOptions } from "./stages.js";

/**
 * The Dockerfile's absolute path: relative to the context, else (when only that exists) relative to `cwd`,
 * Skaffold's rule for Dockerfiles shared between artifacts.
 */
export function resolveDockerfilePath(
  workspace: string,
  dockerfile = "Dockerfile",
  cwd = process.cwd(),
): string {
  if (isAbsolute(dockerfile)) return dockerfile;
  const inContext = resolve(workspace, dockerfile);
  if (!existsSync(inContext) && existsSync(resolve(cwd, dockerfile))) return resolve(cwd, dockerfile);
  return inContext;
}

/** The ignore file in effect and its patterns. */
export interface IgnoreFile {
  /** Absolute path of the file read, if any: `<Dockerfile>.dockerignore`, else `<context>/.dockerignore`. */
  readonly path?: string;
  readonly patterns: readonly string[];
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Reads the `.dockerignore` for a Dockerfile (BuildKit and Skaffold prefer `<Dockerfile>.dockerignore`). */
export async function readIgnoreFile(workspace: string, dockerfilePath: string): Promise<IgnoreFile> {
  for (const path of [`${dockerfilePath}.dockerignore`, join(workspace, ".dockerignore")]) {
    const text = await readOptional(path);
    if (text !== undefined) return { path, patterns: parseDockerignore(text) };
  }
  return { patterns: [] };
}

/** Compiles ignore patterns, turning a bad pattern into a user error that names the file. */
export function compileIgnore(file: IgnoreFile, extra: readonly string[] = []): IgnoreMatcher {
  try {
    return new IgnoreMatcher([...file.patterns, ...extra]);
  } catch (error) {
    if (error instanceof BadPatternError) {
      throw userError(
        "DOCKERIGNORE_INVALID",
        `${file.path ?? ".dockerignore"}: ${error.message}`,
        "Fix the pattern; .dockerignore uses Go's filepath.Match syntax plus `**`.",
      );
    }
    throw error;
  }
}

/** A Dockerfile read and evaluated, with the ignore rules of its context. */
export interface LoadedDockerfile {
  readonly path: string;
  readonly ignore: IgnoreFile;
  readonly matcher: IgnoreMatcher;
  readonly stages: DockerfileStages;
}

/** Reads, parses and evaluates a Dockerfile; a missing or malformed one is a user error naming the file. */
export async function loadDockerfile(
  workspace: string,
  dockerfilePath: string,
  options: EvaluateOptions = {},
): Promise<LoadedDockerfile> {
  const text = await readOptional(dockerfilePath);
  if (text === undefined) {
    throw userError(
      "DOCKERFILE_NOT_FOUND",
      `Dockerfile not found: ${dockerfilePath}`,
      "Check the artifact's `context` and `docker.dockerfile`.",
    );
  }
  const ignore = await readIgnoreFile(workspace, dockerfilePath);
  let stages: DockerfileStages;
  try {
    stages = evaluateStages(parseDockerfile(text), options);
  } catch (error) {
    if (error instanceof Error) error.message = `${dockerfilePath}: ${error.message}`;
    throw error;
  }
  return { path: dockerfilePath, ignore, matcher: compileIgnore(ignore), stages };
}
