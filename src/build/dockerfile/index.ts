/**
 * Dockerfile and `.dockerignore` handling shared by the docker and custom builders and the dev loop: dependency
 * listing, inferred sync maps, build-context walking.
 */
import { readFile } from "node:fs/promises";
import { loadDockerfile, resolveDockerfilePath } from "./load.js";
import { parseDockerfile } from "./parse.js";
import { splitWords } from "./shell-word.js";
import type { EvaluateOptions } from "./stages.js";

export { dockerfileDependencies, type DockerfileDependencyOptions } from "./dependencies.js";
export { inferredSyncMap, type SyncMapOptions } from "./sync-map.js";
export { IgnoreMatcher, parseDockerignore, cleanPath } from "./ignore.js";
export {
  compileIgnore,
  loadDockerfile,
  readIgnoreFile,
  resolveDockerfilePath,
  type IgnoreFile,
} from "./load.js";
export { goMatch } from "./go-match.js";
export { type Instruction, type ParsedDockerfile } from "./parse.js";
export { parseDockerfile };
export { evaluateStages, type ContextCopy, type DockerfileStages, type Stage } from "./stages.js";
export { walkContext, type ContextEntry } from "./walk.js";

/**
 * The images the Dockerfile builds `FROM` (stages and `scratch` excluded), in order, build args applied; a base
 * that only becomes known from a required artifact and has no default (an empty `FROM`) is left out.
 */
export async function dockerfileBaseImages(
  workspace: string,
  dockerfile: string | undefined,
  buildArgs: EvaluateOptions["buildArgs"] = {},
): Promise<string[]> {
  const path = resolveDockerfilePath(workspace, dockerfile);
  const loaded = await loadDockerfile(workspace, path, { buildArgs });
  const images = loaded.stages.stages.filter((s) => !s.baseIsStage && s.base !== "").map((s) => s.base);
  return [...new Set(images)];
}

/** The names of every `ARG` the Dockerfile declares (global or in a stage), without evaluating anything. */
export async function declaredArgs(dockerfilePath: string): Promise<Set<string>> {
  const parsed = parseDockerfile(await readFile(dockerfilePath, "utf8"));
  const names = new Set<string>();
  for (const instruction of parsed.instructions) {
    if (instruction.keyword !== "arg") continue;
    for (const word of splitWords(instruction.args, parsed.escape)) names.add(word.split("=")[0] ?? word);
  }
  return names;
}
