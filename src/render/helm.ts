/**
 * Helm charts rendered with `helm template`, one release at a time (Skaffold's Helm renderer): `helm dep build`
 * first for local charts (unless `skipBuildDependencies`), `overrides` written to a temporary values file,
 * image values through `setValueTemplates`. The images and labels are then applied as for every other source
 * (Skaffold does that through `skaffold filter` as Helm's post-renderer; the result is the same).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import type { BuildOutputEntry } from "../build/types.js";
import type { HelmDeployFlags, HelmRelease } from "../config/schema/index.js";
import type { Manifest } from "../manifest/types.js";
import { parseManifests } from "../manifest/yaml.js";
import type { Exec } from "../proc/exec.js";
import { expandRelease, helmTemplateArgs } from "./helm-args.js";
import { runTool } from "./tools.js";

type Env = Readonly<Record<string, string | undefined>>;

/** What rendering one module's Helm releases needs. */
export interface HelmRenderInput {
  readonly releases: readonly HelmRelease[];
  readonly flags: HelmDeployFlags | undefined;
  readonly images: readonly BuildOutputEntry[];
  readonly env: Env;
  readonly resolvePath: (path: string) => string;
  /** `-n`: overrides each release's namespace. */
  readonly namespace?: string | undefined;
  /** `--skip-build-dependencies` (render) or a release's own `skipBuildDependencies`. */
  readonly skipBuildDependencies?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
}

async function withOverrides<T>(
  release: HelmRelease,
  body: (file: string | undefined) => Promise<T>,
): Promise<T> {
  const overrides = release.overrides;
  if (overrides === undefined || Object.keys(overrides).length === 0) return body(undefined);
  const dir = await mkdtemp(join(tmpdir(), "trestle-helm-"));
  try {
    const file = join(dir, "skaffold-overrides.yaml");
    await writeFile(file, stringify(overrides));
    return await body(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Renders every release in order and returns the parsed manifests (images and labels not yet applied). */
export async function renderHelm(exec: Exec, input: HelmRenderInput): Promise<Manifest[]> {
  const manifests: Manifest[] = [];
  const global = input.flags?.global ?? [];
  const options = { env: input.env, ...(input.signal ? { signal: input.signal } : {}) };
  for (const release of input.releases) {
    const expanded = expandRelease(release, input.images, input.env, input.resolvePath, input.namespace);
    const what = `helm release ${expanded.name}`;
    if (expanded.local && release.skipBuildDependencies !== true && input.skipBuildDependencies !== true) {
      await runTool(
        exec,
        "helm",
        [...global, "dep", "build", expanded.chart, ...(input.flags?.depBuild ?? [])],
        `${what} (dependency build)`,
        options,
      );
    }
    const out = await withOverrides(release, (overridesFile) => {
      const args = helmTemplateArgs(expanded, {
        templateFlags: input.flags?.template ?? [],
        overridesFile,
        packaged: release.packaged !== undefined,
        skipTests: release.skipTests === true,
      });
      const command = release.useHelmSecrets === true ? ["secrets", ...args] : args;
      return runTool(exec, "helm", [...global, ...command], what, options);
    });
    manifests.push(...parseManifests(out, what));
  }
  return manifests;
}
