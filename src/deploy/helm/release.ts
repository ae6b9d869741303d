/**
 * A `deploy.helm.releases[]` entry made concrete for one deploy: templates expanded (names, paths, values),
 * paths made absolute, defaults applied (`upgradeOnChange`, the namespace).
 */
import { isAbsolute, resolve } from "node:path";
import type { BuildOutputEntry } from "../../build/types.js";
import type { HelmRelease } from "../../config/schema/helm.js";
import { renderTemplate, templateData, TemplateError } from "../../config/template/index.js";
import { configError } from "../../errors/errors.js";
import { imageTemplateValues } from "../../render/helm-args.js";

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
  readonly valuesFiles: readonly string[];
  /** `--set key=value` pairs, `setValues` first, then `setValueTemplates` (expanded), sorted by key each. */
  readonly setValues: readonly (readonly [string, string])[];
  readonly setFiles: readonly (readonly [string, string])[];
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

function expand(
  text: string,
  data: Readonly<Record<string, string>>,
  env: ReleaseContext["env"],
  field: string,
  strict: boolean,
): string {
  try {
    return renderTemplate(text, data, { env, ...(strict ? { missingKey: "error" as const } : {}) });
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    throw configError(
      "HELM_TEMPLATE_FAILED",
      `deploy.helm release field ${field}: cannot expand ${JSON.stringify(text)}: ${error.message}`,
      undefined,
      "Templates see environment variables and IMAGE_FULLY_QUALIFIED_<image> (etc.) of the built images.",
    );
  }
}

function sortedPairs(values: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Expands and normalises one release. */
export function resolveRelease(release: HelmRelease, context: ReleaseContext): ResolvedRelease {
  const data = templateData(imageTemplateValues(context.builds), context.env);
  const field = (name: string, text: string, strict = true): string =>
    expand(text, data, context.env, `${release.name}.${name}`, strict);
  const name = field("name", release.name);
  const abs = (path: string): string => (isAbsolute(path) ? path : resolve(context.dir, path));
  const remote = release.chartPath === undefined;
  const chart = remote ? (release.remoteChart ?? "") : abs(field("chartPath", release.chartPath ?? ""));
  if (chart === "") {
    throw configError(
      "HELM_NO_CHART",
      `deploy.helm release ${name} has neither chartPath nor remoteChart`,
      undefined,
      "Set chartPath to a local chart directory, or remoteChart (with repo) to a published chart.",
    );
  }
  const namespace =
    context.namespace ??
    (release.namespace === undefined || release.namespace === ""
      ? undefined
      : field("namespace", release.namespace));
  const plain = sortedPairs(
    Object.fromEntries(
      sortedPairs(release.setValues ?? {}).map(([k, v]) => [k, field(`setValues.${k}`, v, false)]),
    ),
  );
  const templated = sortedPairs(release.setValueTemplates ?? {}).map(([k, v]): [string, string] => [
    k,
    field(`setValueTemplates.${k}`, v, false),
  ]);
  return {
    name,
    chart,
    remote,
    namespace,
    version: release.version === undefined ? undefined : field("version", release.version),
    repo: release.repo === undefined ? undefined : field("repo", release.repo),
    valuesFiles: (release.valuesFiles ?? []).map((f, i) => abs(field(`valuesFiles[${String(i)}]`, f))),
    setValues: [...plain, ...templated],
    setFiles: sortedPairs(release.setFiles ?? {}).map(([k, v]): [string, string] => [k, abs(v)]),
    overrides: release.overrides,
    createNamespace: release.createNamespace ?? false,
    wait: release.wait ?? false,
    skipBuildDependencies: release.skipBuildDependencies ?? false,
    upgradeOnChange: release.upgradeOnChange ?? !remote,
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
