/**
 * A `deploy.helm.releases[]` entry made concrete for one deploy: render's `expandRelease` (templates, the
 * image values, Skaffold's `--set`/`--set-file`/`-f` arguments) plus what only deploying needs (defaults of
 * `upgradeOnChange`, `createNamespace`, `wait`, the files whose contents feed the change digest).
 */
import { isAbsolute, resolve } from "node:path";
import type { BuildOutputEntry } from "../../build/types.js";
import type { HelmRelease } from "../../config/schema/helm.js";
import { configError } from "../../errors/errors.js";
import { expandRelease } from "../../render/helm-args.js";

/** A release ready to be installed. */
export interface ResolvedRelease {
  readonly name: string;
  /** Absolute chart directory or package, or the remote chart reference. */
  readonly chart: string;
  readonly remote: boolean;
  /** Undefined: helm's (the context's) namespace. */
  readonly namespace: string | undefined;
  readonly version: string | undefined;
  readonly repo: string | undefined;
  /** `--set`, `--set-file` and `-f` arguments, as `helm template` gets them (render's `expandRelease`). */
  readonly valueArgs: readonly string[];
  /** The values files (`-f`) and set-files (`--set-file`) of `valueArgs`, absolute. */
  readonly valuesFiles: readonly string[];
  readonly setFiles: readonly string[];
  readonly overrides: Readonly<Record<string, unknown>> | undefined;
  readonly createNamespace: boolean;
  readonly wait: boolean;
  readonly skipBuildDependencies: boolean;
  readonly upgradeOnChange: boolean;
  readonly dependsOn: readonly string[];
}

/** What expansion needs: the config's directory, the images, the environment, `-n`. */
export interface ReleaseContext {
  readonly dir: string;
  readonly builds: readonly BuildOutputEntry[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly namespace: string | undefined;
}

/** The files of `-f <file>` and `--set-file <key>=<file>` arguments. */
function filesOf(valueArgs: readonly string[]): { valuesFiles: string[]; setFiles: string[] } {
  const valuesFiles: string[] = [];
  const setFiles: string[] = [];
  for (let i = 0; i + 1 < valueArgs.length; i += 2) {
    const [flag, value = ""] = [valueArgs[i], valueArgs[i + 1]];
    if (flag === "-f") valuesFiles.push(value);
    else if (flag === "--set-file") setFiles.push(value.slice(value.indexOf("=") + 1));
  }
  return { valuesFiles, setFiles };
}

const orUndefined = (text: string): string | undefined => (text === "" ? undefined : text);

/** Expands and normalises one release. */
export function resolveRelease(release: HelmRelease, context: ReleaseContext): ResolvedRelease {
  if (release.chartPath === undefined && release.remoteChart === undefined) {
    throw configError(
      "HELM_NO_CHART",
      `deploy.helm release ${release.name} has neither chartPath nor remoteChart`,
      undefined,
      "Set chartPath to a local chart directory, or remoteChart (with repo) to a published chart.",
    );
  }
  const abs = (path: string): string => (isAbsolute(path) ? path : resolve(context.dir, path));
  const expanded = expandRelease(release, context.builds, context.env, abs, context.namespace);
  return {
    name: expanded.name,
    chart: expanded.chart,
    remote: !expanded.local,
    namespace: orUndefined(expanded.namespace),
    version: orUndefined(expanded.version),
    repo: orUndefined(expanded.repo),
    valueArgs: expanded.valueArgs,
    ...filesOf(expanded.valueArgs),
    overrides: release.overrides,
    createNamespace: release.createNamespace ?? false,
    wait: release.wait ?? false,
    skipBuildDependencies: release.skipBuildDependencies ?? false,
    upgradeOnChange: release.upgradeOnChange ?? expanded.local,
    dependsOn: release.dependsOn ?? [],
  };
}

/** Releases in an order where every release follows those it `dependsOn` (config order otherwise). */
export function deployOrder(releases: readonly ResolvedRelease[]): ResolvedRelease[] {
  const byName = new Map(releases.map((r) => [r.name, r]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: ResolvedRelease[] = [];
  const visit = (release: ResolvedRelease): void => {
    if (done.has(release.name)) return;
    if (visiting.has(release.name)) {
      throw configError(
        "HELM_DEPENDENCY_CYCLE",
        `deploy.helm releases depend on each other in a cycle through ${release.name}`,
        undefined,
        "Remove one of the dependsOn entries of the cycle.",
      );
    }
    visiting.add(release.name);
    for (const dep of release.dependsOn) {
      const target = byName.get(dep);
      if (target !== undefined) visit(target);
    }
    visiting.delete(release.name);
    done.add(release.name);
    out.push(release);
  };
  for (const release of releases) visit(release);
  return out;
}
