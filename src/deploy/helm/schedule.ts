/**
 * `deploy.helm.concurrency` (Skaffold's): releases are installed in parallel, at most `concurrency` at a time
 * (0: no limit; default 1, one after another), and a release starts only once every release it `dependsOn`
 * has finished. After a failure no further release starts; the ones running are awaited, then the first
 * error is raised.
 */

/** What the scheduler needs of a release. */
export interface Schedulable {
  readonly name: string;
  readonly dependsOn: readonly string[];
}

/**
 * Runs `work` for each release (given in a valid dependency order, see `deployOrder`) and resolves with the
 * results in that order.
 */
export async function scheduleReleases<R extends Schedulable, T>(
  releases: readonly R[],
  concurrency: number,
  work: (release: R) => Promise<T>,
): Promise<T[]> {
  const limit = concurrency <= 0 ? Number.POSITIVE_INFINITY : concurrency;
  const names = new Set(releases.map((r) => r.name));
  const results = new Array<T>(releases.length);
  const done = new Set<string>();
  const started = new Set<number>();
  let running = 0;
  let failure: { error: unknown } | undefined;

  return new Promise<T[]>((resolve, reject) => {
    const ready = (release: R): boolean => release.dependsOn.every((dep) => !names.has(dep) || done.has(dep));
    const pump = (): void => {
      if (failure !== undefined) {
        if (running === 0)
          reject(failure.error instanceof Error ? failure.error : new Error(String(failure.error)));
        return;
      }
      if (done.size === releases.length) {
        resolve(results);
        return;
      }
      releases.forEach((release, index) => {
        if (running >= limit || started.has(index) || !ready(release)) return;
        started.add(index);
        running += 1;
        work(release).then(
          (result) => {
            results[index] = result;
            done.add(release.name);
            running -= 1;
            pump();
          },
          (error: unknown) => {
            failure ??= { error };
            running -= 1;
            pump();
          },
        );
      });
    };
    pump();
  });
}
