/**
 * The Renderer for a project: per config module, in Skaffold's order — pre-render hooks, kpt packages, raw
 * YAML, kustomizations, Helm charts — then image replacement, labels and the namespace (`hydrate`), post-render
 * hooks, and the caller's transform. Modules are rendered in dependency order and concatenated.
 */
import { readdir } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import type { ConfigModule, ResolvedConfig } from "../config/resolved.js";
import type { HelmRelease, ResourceSelectorConfig } from "../config/schema/index.js";
import { renderTemplate, templateData } from "../config/template/index.js";
import { userError } from "../errors/errors.js";
import { runLabels } from "../manifest/labels.js";
import { createResourceSelector } from "../manifest/selector.js";
import type { Manifest, ManifestList } from "../manifest/types.js";
import type { Exec } from "../proc/exec.js";
import { renderHelm } from "./helm.js";
import { runPostRenderHooks, runPreRenderHooks } from "./hooks.js";
import { hydrate } from "./hydrate.js";
import { renderKpt } from "./kpt.js";
import { kustomizeDependencies, renderKustomize } from "./kustomize.js";
import { isUrl, rawYamlFiles, readRawYaml } from "./raw-yaml.js";
import { readRemoteManifests } from "./remote-manifests.js";
import type { RenderImage, Renderer, RenderOptions } from "./types.js";

type Env = Readonly<Record<string, string | undefined>>;

/** The doors and settings a renderer works with. */
export interface RendererDeps {
  readonly exec: Exec;
  readonly env: Env;
  readonly warn: (message: string) => void;
}

/** Choices that depend on the command rather than on one render call. */
export interface RendererSettings {
  /**
   * Also render `deploy.helm` releases (with `helm template`) when a module has no `manifests.helm`: what
   * `skaffold render` does; the run pipeline leaves them to the Helm deployer.
   */
  readonly includeDeployHelm?: boolean;
  /** Rules of `--resource-selector-rules-file`, applied after the config's `resourceSelector`. */
  readonly rules?: ResourceSelectorConfig | undefined;
  /** `--skip-build-dependencies`: no `helm dep build`. */
  readonly skipBuildDependencies?: boolean;
  /** `--kube-context`, for `manifests.remoteManifests` without their own context. */
  readonly kubeContext?: string | undefined;
}

function expandPath(text: string, env: Env): string {
  return renderTemplate(text, templateData({}, env), { env });
}

function helmReleasesOf(module: ConfigModule, settings: RendererSettings): readonly HelmRelease[] {
  const own = module.config.manifests?.helm?.releases;
  if (own !== undefined) return own;
  return settings.includeDeployHelm === true ? (module.config.deploy?.helm?.releases ?? []) : [];
}

function unsupported(module: ConfigModule): void {
  const manifests = module.config.manifests;
  const what = manifests?.transform?.length
    ? "transform"
    : manifests?.validate?.length
      ? "validate"
      : undefined;
  if (what === undefined) return;
  throw userError(
    "RENDER_UNSUPPORTED",
    `manifests.${what} (kpt functions run in containers from gcr.io/kpt-fn) is not supported by Trestle`,
    "Use a kustomization, a kpt package with its own pipeline (manifests.kpt), or a post-render hook instead.",
  );
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [dir];
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else out.push(path);
  }
  return out;
}

/** Renders one config module. */
export function createModuleRenderer(
  module: ConfigModule,
  deps: RendererDeps,
  settings: RendererSettings = {},
): Renderer {
  const config = module.config;
  const manifests = config.manifests;
  const selector = createResourceSelector(config.resourceSelector, settings.rules);
  const resolvePath = (path: string): string =>
    isUrl(path) || isAbsolute(path) ? path : resolve(module.dir, path);
  const rawYaml = (): string[] => (manifests?.rawYaml ?? []).map((p) => expandPath(p, deps.env));
  const kustomizePaths = (): string[] =>
    manifests?.kustomize === undefined
      ? []
      : (manifests.kustomize.paths ?? ["."]).map((p) => expandPath(p, deps.env));
  const kptDirs = (): string[] => (manifests?.kpt ?? []).map(resolvePath);

  const generate = async (images: readonly RenderImage[], options: RenderOptions): Promise<Manifest[]> => {
    const signal = options.signal;
    const out: Manifest[] = [];
    if (kptDirs().length > 0) out.push(...(await renderKpt(deps.exec, kptDirs(), deps.env, signal)));
    out.push(...(await readRawYaml(module.dir, rawYaml(), deps.warn, signal)));
    if ((manifests?.remoteManifests ?? []).length > 0) {
      if (options.offline === true) {
        throw userError(
          "RENDER_OFFLINE_REMOTE",
          "manifests.remoteManifests are read from a cluster, which --offline forbids",
          "Render without --offline, or remove remoteManifests.",
        );
      }
      out.push(
        ...(await readRemoteManifests(
          deps.exec,
          manifests?.remoteManifests ?? [],
          settings.kubeContext,
          deps.env,
          signal,
        )),
      );
    }
    if (manifests?.kustomize !== undefined) {
      out.push(
        ...(await renderKustomize(
          deps.exec,
          module.dir,
          kustomizePaths(),
          manifests.kustomize.buildArgs ?? [],
          deps.env,
          signal,
        )),
      );
    }
    return out;
  };

  return {
    async render(images: readonly RenderImage[], options: RenderOptions): Promise<ManifestList> {
      unsupported(module);
      await runPreRenderHooks(deps.exec, manifests?.hooks, module.dir, deps.env, options.signal);
      const labels = runLabels(options.runId, options.labels ?? {});
      const generated = await generate(images, options);
      const namespace =
        options.offline === true || options.namespace === undefined || options.namespace === ""
          ? undefined
          : options.namespace;
      const main = hydrate(generated, { images, selector, labels, namespace });
      const releases = helmReleasesOf(module, settings);
      const helmFlags =
        manifests?.helm?.releases !== undefined ? manifests.helm.flags : config.deploy?.helm?.flags;
      const helm =
        releases.length === 0
          ? { manifests: [], warnings: [] }
          : hydrate(
              await renderHelm(deps.exec, {
                releases,
                flags: helmFlags,
                images,
                env: deps.env,
                resolvePath,
                namespace: options.namespace,
                skipBuildDependencies: settings.skipBuildDependencies,
                signal: options.signal,
              }),
              { images, selector, labels },
            );
      for (const warning of [...main.warnings, ...helm.warnings]) deps.warn(warning);
      const all = await runPostRenderHooks(
        deps.exec,
        manifests?.hooks,
        module.dir,
        deps.env,
        [...main.manifests, ...helm.manifests],
        options.signal,
      );
      return options.transformManifests ? options.transformManifests(all) : all;
    },

    async dependencies(): Promise<readonly string[]> {
      const files = new Set<string>();
      for (const file of await rawYamlFiles(module.dir, rawYaml(), () => undefined)) files.add(file);
      for (const path of kustomizePaths()) {
        if (isUrl(path)) continue;
        for (const file of await kustomizeDependencies(resolvePath(path))) files.add(file);
      }
      for (const dir of kptDirs()) for (const file of await walk(dir)) files.add(file);
      for (const release of helmReleasesOf(module, settings)) {
        if (release.chartPath !== undefined && !isUrl(release.chartPath)) {
          for (const file of await walk(resolvePath(expandPath(release.chartPath, deps.env))))
            files.add(file);
        }
        for (const values of release.valuesFiles ?? []) {
          if (!values.includes("{{")) files.add(resolvePath(values));
        }
      }
      return [...files];
    },
  };
}

/** Renders every module of the project in order and concatenates the results. */
export function createRenderer(
  project: ResolvedConfig,
  deps: RendererDeps,
  settings: RendererSettings = {},
): Renderer {
  const renderers = project.modules.map((m) => createModuleRenderer(m, deps, settings));
  return {
    async render(images, options) {
      const out: Manifest[] = [];
      for (const renderer of renderers) out.push(...(await renderer.render(images, options)));
      return out;
    },
    async dependencies() {
      const files = new Set<string>();
      for (const renderer of renderers) for (const file of await renderer.dependencies()) files.add(file);
      return [...files];
    },
  };
}
