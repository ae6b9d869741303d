import { dirname, join, resolve } from "node:path";
import { configError, userError } from "../errors/errors.js";
import { nearest } from "../util/nearest.js";
import { applyDefaults } from "./defaults.js";
import { parseConfigDocument, type ParsedConfig } from "./parse.js";
import { selectProfiles, type ActivationContext } from "./profile-activation.js";
import { applyProfiles } from "./profiles.js";
import type { RemoteConfigCache } from "./remote-configs.js";
import type { ConfigModule, ResolvedConfig } from "./resolved.js";
import type { SkaffoldConfig } from "./schema/index.js";
import { isUrl, readConfigSource } from "./source.js";
import { checkTemplates } from "./templates.js";
import { validateModules } from "./validate.js";
import { parseYamlDocuments } from "./yaml-document.js";

/** Everything config loading depends on; the CLI builds it from flags and the environment. */
export interface LoadOptions {
  readonly filename: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The command being run (for profile activation by command). */
  readonly command: string;
  readonly profiles: readonly string[];
  readonly profileAutoActivation: boolean;
  readonly propagateProfiles: boolean;
  /** `-m`: only these named configs (and what they require). */
  readonly modules: readonly string[];
  readonly kubeContext: () => string;
  readonly currentNamespace: () => string;
  readonly remoteConfigs: RemoteConfigCache;
}

type Requires = NonNullable<SkaffoldConfig["requires"]>[number];

interface Visit {
  readonly path: string;
  readonly baseDir: string;
  readonly requiredBy: string | undefined;
  readonly selection: readonly string[] | undefined;
  readonly profiles: readonly string[];
  readonly isRequired: boolean;
  readonly isDependency: boolean;
}

/** One loading run: remembers names, profiles and visits so that `requires` graphs load once each. */
class ProjectLoader {
  private readonly namesToFiles = new Map<string, string>();
  private readonly applied = new Map<string, string>();
  readonly allProfiles = new Set<string>();

  constructor(private readonly options: LoadOptions) {}

  private get activation(): ActivationContext {
    return { env: this.options.env, command: this.options.command, kubeContext: this.options.kubeContext };
  }

  async loadFile(visit: Visit): Promise<ConfigModule[]> {
    const source = await readConfigSource(visit.path, visit.baseDir, visit.requiredBy);
    const docs = parseYamlDocuments(source.file, source.text);
    if (docs.length === 0) {
      throw configError(
        "CONFIG_EMPTY",
        `${source.file} has no configs`,
        { file: source.file },
        "A skaffold.yaml needs at least `apiVersion` and `kind: Config`.",
      );
    }
    const parsed = docs.map(parseConfigDocument);
    this.checkNames(parsed, source.file);
    const modules: ConfigModule[] = [];
    for (const entry of parsed) modules.push(...(await this.processConfig(entry, source.file, visit)));
    return modules;
  }

  private checkNames(parsed: readonly ParsedConfig[], file: string): void {
    const seen = new Set<string>();
    for (const { config, doc } of parsed) {
      for (const profile of config.profiles ?? []) this.allProfiles.add(profile.name);
      const name = config.metadata?.name;
      if (!name) continue;
      if (seen.has(name)) {
        throw configError(
          "CONFIG_DUPLICATE_NAME",
          `config name "${name}" is used twice in ${file}`,
          doc.locate(["metadata", "name"]),
          "Give every config in a file its own metadata.name.",
        );
      }
      seen.add(name);
      const previous = this.namesToFiles.get(name);
      if (previous !== undefined && previous !== file) {
        throw configError(
          "CONFIG_DUPLICATE_NAME",
          `config name "${name}" is used in both ${previous} and ${file}`,
          doc.locate(["metadata", "name"]),
          "Module names must be unique across all files.",
        );
      }
      this.namesToFiles.set(name, file);
    }
  }

  private async processConfig(entry: ParsedConfig, file: string, visit: Visit): Promise<ConfigModule[]> {
    const { config, doc } = entry;
    const name = config.metadata?.name;
    if (
      visit.selection &&
      visit.selection.length > 0 &&
      (name === undefined || !visit.selection.includes(name))
    )
      return [];
    const required =
      visit.isRequired ||
      this.options.modules.length === 0 ||
      (name !== undefined && this.options.modules.includes(name));
    const { names: active } = selectProfiles(
      config.profiles ?? [],
      visit.profiles,
      this.options.profileAutoActivation,
      this.activation,
      (p, a) => doc.locate(["profiles", p, "activation", a, "env"]),
    );
    const profiled = applyProfiles(config, active, doc);
    const withDefaults = applyDefaults(profiled, { currentNamespace: this.options.currentNamespace });
    const key = `${file}:${doc.index}:${String(required)}`;
    const profileKey = [...active].sort().join(",");
    const previous = this.applied.get(key);
    if (previous !== undefined) {
      if (previous !== profileKey) {
        throw configError(
          "CONFIG_PROFILE_CONFLICT",
          `${name ?? `config[${doc.index}]`} in ${file} is required with different sets of profiles ([${previous}] and [${profileKey}])`,
          doc.locate([]),
          "Use the same activeProfiles wherever this config is required.",
        );
      }
      return [];
    }
    this.applied.set(key, profileKey);
    const dir = isUrl(file) ? this.options.cwd : dirname(file);
    const modules: ConfigModule[] = [];
    for (const [i, dependency] of (withDefaults.requires ?? []).entries()) {
      const depProfiles = activeProfilesFor(dependency, active);
      if (this.options.propagateProfiles)
        for (const p of this.options.profiles) if (!depProfiles.includes(p)) depProfiles.push(p);
      const where = `${name ?? file} (requires[${i}])`;
      const path = await this.dependencyPath(dependency, dir, file, where);
      modules.push(
        ...(await this.loadFile({
          path,
          baseDir: dir,
          requiredBy: where,
          selection: dependency.configs,
          profiles: depProfiles,
          isRequired: required,
          isDependency: visit.isDependency || resolve(dir, path) !== file,
        })),
      );
    }
    if (required) {
      modules.push({
        name,
        file,
        dir,
        index: doc.index,
        isRoot: !visit.isDependency,
        originalApiVersion: entry.originalApiVersion,
        activeProfiles: active,
        definedProfiles: (config.profiles ?? []).map((p) => p.name),
        config: withDefaults,
        doc,
        warnings: entry.warnings,
      });
    }
    return modules;
  }

  private async dependencyPath(
    dependency: Requires,
    dir: string,
    file: string,
    where: string,
  ): Promise<string> {
    if (dependency.git) {
      const checkout = await this.options.remoteConfigs.checkout(
        dependency.git.repo,
        dependency.git.ref,
        dependency.git.sync !== false,
      );
      return join(checkout, dependency.git.path ?? "");
    }
    if (dependency.googleCloudStorage || dependency.googleCloudBuildRepoV2) {
      throw userError(
        "CONFIG_REMOTE_UNSUPPORTED",
        `${where}: Google Cloud Storage and Cloud Build repository requires are not supported by Trestle`,
        "Check the configs out locally and require them by `path`, or use a `git` require.",
      );
    }
    return dependency.path ? resolve(dir, dependency.path) : file;
  }
}

function activeProfilesFor(dependency: Requires, parentProfiles: readonly string[]): string[] {
  const result: string[] = [];
  for (const ap of dependency.activeProfiles ?? []) {
    const by = ap.activatedBy ?? [];
    if (by.length === 0 || parentProfiles.some((p) => by.includes(p))) result.push(ap.name);
  }
  return result;
}

/**
 * Loads a project's configuration through the named stages — read → parse → upgrade → schema → profiles →
 * defaults → requires → validate — and returns the modules in dependency order.
 */
export async function loadProject(options: LoadOptions): Promise<ResolvedConfig> {
  const loader = new ProjectLoader(options);
  const rootFile = isUrl(options.filename) ? options.filename : resolve(options.cwd, options.filename);
  const modules = await loader.loadFile({
    path: options.filename,
    baseDir: options.cwd,
    requiredBy: undefined,
    selection: undefined,
    profiles: options.profiles,
    isRequired: false,
    isDependency: false,
  });
  if (modules.length === 0 && options.modules.length > 0) {
    throw userError(
      "CONFIG_NO_MODULE",
      `no config matches the module selection [${options.modules.join(", ")}]`,
      "Run 'trestle inspect modules list' to see the module names.",
    );
  }
  const unknown = options.profiles.map((p) => p.replace(/^-/, "")).filter((p) => !loader.allProfiles.has(p));
  if (unknown.length > 0) {
    const guess = nearest(unknown[0] ?? "", loader.allProfiles);
    throw userError(
      "CONFIG_UNKNOWN_PROFILE",
      `profile${unknown.length > 1 ? "s" : ""} ${unknown.map((p) => `"${p}"`).join(", ")} not found in any config`,
      guess
        ? `Did you mean "${guess}"? 'trestle inspect profiles list' lists them.`
        : "Run 'trestle inspect profiles list' to see the profiles.",
    );
  }
  validateModules(modules);
  checkTemplates(modules);
  return { rootFile, modules };
}
