/**
 * Inferred sync rules from a Dockerfile (Skaffold's `docker.SyncMap`, `pkg/skaffold/docker/syncmap.go`): the
 * last stage's `COPY`/`ADD` without `--from`, each source expanded against the context minus `.dockerignore`,
 * mapped to its destination(s) in the image. A directory source copies its contents, not itself.
 */
import { posix } from "node:path";
import { loadDockerfile, resolveDockerfilePath } from "./load.js";
import { expandSources } from "./sources.js";
import { walkContext } from "./walk.js";

export interface SyncMapOptions {
  /** The Dockerfile, relative to the context (default `Dockerfile`) or absolute. */
  readonly dockerfile?: string;
  /** Evaluated build args; `null` keeps the Dockerfile's default. */
  readonly buildArgs?: Readonly<Record<string, string | null>>;
  /** WORKDIR of a base image (from the engine or registry), for relative destinations; `/` when unknown. */
  readonly baseWorkdir?: (image: string) => string | undefined;
}

/**
 * Maps each syncable context file (relative path, `/` separators) to its absolute destination(s) in the
 * container, in Dockerfile order. Files not in the map cannot be synced (the dev loop rebuilds instead).
 */
export async function inferredSyncMap(
  workspace: string,
  options: SyncMapOptions = {},
): Promise<Map<string, string[]>> {
  const dockerfilePath = resolveDockerfilePath(workspace, options.dockerfile);
  const loaded = await loadDockerfile(workspace, dockerfilePath, {
    ...(options.buildArgs === undefined ? {} : { buildArgs: options.buildArgs }),
    ...(options.baseWorkdir === undefined ? {} : { baseWorkdir: options.baseWorkdir }),
  });
  const last = loaded.stages.stages.at(-1);
  const destinations = new Map<string, string>();
  for (const copy of last?.copies ?? []) {
    for (const source of await expandSources(workspace, copy, dockerfilePath)) {
      for await (const entry of walkContext(workspace, loaded.matcher, source)) {
        if (entry.kind === "dir") continue;
        const dest =
          entry.path !== source
            ? posix.join(copy.dest, posix.relative(source === "." ? "" : source, entry.path))
            : copy.destIsDir
              ? posix.join(copy.dest, posix.basename(source))
              : copy.dest;
        destinations.set(dest, entry.path);
      }
    }
  }
  const bySource = new Map<string, string[]>();
  for (const [dest, source] of destinations) {
    const list = bySource.get(source);
    if (list) list.push(dest);
    else bySource.set(source, [dest]);
  }
  return bySource;
}
