/** Expanding `COPY`/`ADD` sources against the build context, as the daemon would see it. */
import { userError } from "../../errors/errors.js";
import { globRelative } from "./glob.js";
import type { IgnoreMatcher } from "./ignore.js";
import type { ContextCopy } from "./stages.js";
import { walkContext, type ContextEntry } from "./walk.js";

/** The context paths a COPY/ADD's source patterns match; an instruction matching nothing is a user error. */
export async function expandSources(
  workspace: string,
  copy: ContextCopy,
  dockerfilePath: string,
): Promise<string[]> {
  const matched: string[] = [];
  for (const source of copy.sources) matched.push(...(await globRelative(workspace, source)));
  if (matched.length === 0) {
    throw userError(
      "DOCKERFILE_SOURCE_MISSING",
      `${dockerfilePath}:${copy.line}: ${copy.instruction.toUpperCase()} source ${copy.sources.join(" ")} matches no file in ${workspace}`,
      "Create the file, or fix the path in the Dockerfile (sources are relative to the build context).",
    );
  }
  return matched;
}

/** Drops paths that lie inside another path of the list (`.` covers everything). */
export function outermost(paths: Iterable<string>): string[] {
  const sorted = [...new Set(paths)].sort();
  if (sorted.includes(".")) return ["."];
  const kept: string[] = [];
  for (const path of sorted) {
    if (!kept.some((outer) => path.startsWith(`${outer}/`))) kept.push(path);
  }
  return kept;
}

/** The non-ignored entries under each of the context paths (each tree walked once). */
export async function* entriesUnder(
  workspace: string,
  matcher: IgnoreMatcher,
  paths: Iterable<string>,
): AsyncGenerator<ContextEntry> {
  for (const path of outermost(paths)) yield* walkContext(workspace, matcher, path);
}
