/**
 * The files a Dockerfile build reads (Skaffold's `docker.GetDependencies`, `pkg/skaffold/docker/dependencies.go`):
 * the sources of every stage's `COPY`/`ADD` without `--from` (and of `RUN --mount=type=bind`), build args applied,
 * `.dockerignore` applied, plus the Dockerfile and the ignore file themselves.
 */
import { join, posix } from "node:path";
import { loadDockerfile, resolveDockerfilePath } from "./load.js";
import { entriesUnder, expandSources } from "./sources.js";

export interface DockerfileDependencyOptions {
  /** The Dockerfile, relative to the context (default `Dockerfile`) or absolute. */
  readonly dockerfile?: string;
  /** Evaluated build args; `null` keeps the Dockerfile's default. */
  readonly buildArgs?: Readonly<Record<string, string | null>>;
}

/**
 * Absolute paths of the files (and empty directories) a Dockerfile build in `workspace` reads, sorted. When the
 * Dockerfile does not exist the list is just its path, so that creating it triggers a build (as in Skaffold).
 */
export async function dockerfileDependencies(
  workspace: string,
  options: DockerfileDependencyOptions = {},
): Promise<string[]> {
  const dockerfilePath = resolveDockerfilePath(workspace, options.dockerfile);
  let loaded;
  try {
    loaded = await loadDockerfile(
      workspace,
      dockerfilePath,
      options.buildArgs === undefined ? {} : { buildArgs: options.buildArgs },
    );
  } catch (error) {
    if ((error as { code?: string }).code === "DOCKERFILE_NOT_FOUND") return [dockerfilePath];
    throw error;
  }
  const roots: string[] = [];
  for (const stage of loaded.stages.stages) {
    for (const copy of stage.copies) roots.push(...(await expandSources(workspace, copy, dockerfilePath)));
    roots.push(...stage.mounts);
  }
  const files = new Set<string>([dockerfilePath]);
  if (loaded.ignore.path !== undefined) files.add(loaded.ignore.path);
  const dirs: string[] = [];
  const nonEmpty = new Set<string>();
  for await (const entry of entriesUnder(workspace, loaded.matcher, roots)) {
    nonEmpty.add(posix.dirname(entry.path));
    if (entry.kind === "dir") dirs.push(entry.path);
    else files.add(join(workspace, entry.path));
  }
  for (const dir of dirs) if (!nonEmpty.has(dir)) files.add(join(workspace, dir));
  return [...files].sort();
}
