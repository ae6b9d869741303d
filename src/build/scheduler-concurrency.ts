/** How many builds run at once, and a small helper to run async work with a limit. */
import type { BuildConfig } from "../config/schema/index.js";

/** Skaffold's `constants.DefaultLocalConcurrency`. */
export const DEFAULT_LOCAL_CONCURRENCY = 1;

/** The build environments of one pipeline's `build` section. */
export type BuildEnvironments = Pick<BuildConfig, "local" | "googleCloudBuild" | "cluster">;

/** A build environment's own concurrency: unset for local (then ignored), 0 (unlimited) when unset elsewhere. */
function environmentConcurrency(build: BuildEnvironments): number | undefined {
  if (build.googleCloudBuild !== undefined) return build.googleCloudBuild.concurrency ?? 0;
  if (build.cluster !== undefined) return build.cluster.concurrency ?? 0;
  return build.local?.concurrency;
}

/**
 * Skaffold's `getConcurrency` (`pkg/skaffold/build/builder_mux.go`): `--build-concurrency` when ≥ 0; else the
 * smallest positive concurrency of the pipelines' build environments (0 = unlimited only if nothing limits);
 * else 1. The result is 0 for "unlimited".
 */
export function resolveBuildConcurrency(builds: readonly BuildEnvironments[], cliConcurrency = -1): number {
  if (cliConcurrency >= 0) return cliConcurrency;
  let min = -1;
  for (const build of builds) {
    const concurrency = environmentConcurrency(build);
    if (concurrency === undefined) continue;
    if (min < 0) min = concurrency;
    else if (concurrency > 0 && (min === 0 || concurrency < min)) min = concurrency;
  }
  return min < 0 ? DEFAULT_LOCAL_CONCURRENCY : min;
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight (0 or less: no limit) and resolves with the results
 * in input order; the first rejection rejects the whole (calls already started still finish).
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  const workers = limit > 0 ? Math.min(limit, items.length) : items.length;
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
