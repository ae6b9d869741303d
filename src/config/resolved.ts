import type { SkaffoldConfig } from "./schema/index.js";
import type { YamlDocument } from "./yaml-document.js";

/** One config document after requires, profiles, defaults and validation: a "module" when it has a name. */
export interface ConfigModule {
  /** `metadata.name`, when set. */
  readonly name: string | undefined;
  /** Absolute path of the file the config came from. */
  readonly file: string;
  /** Directory that relative paths in this config are resolved against. */
  readonly dir: string;
  /** Position of the document in its file. */
  readonly index: number;
  /** Whether it came from the file given with -f (rather than through `requires`). */
  readonly isRoot: boolean;
  readonly originalApiVersion: string;
  readonly activeProfiles: readonly string[];
  /** Names of the profiles the config defines (whether active or not). */
  readonly definedProfiles: readonly string[];
  readonly config: SkaffoldConfig;
  readonly doc: YamlDocument;
  /** Problems Trestle worked around while loading this config (printed as warnings). */
  readonly warnings: readonly string[];
}

/** The whole project's configuration, ready for the runner. Dependencies come before their dependents. */
export interface ResolvedConfig {
  readonly rootFile: string;
  readonly modules: readonly ConfigModule[];
}

/** A human name for a module in messages: its name, or its file and document index. */
export function moduleLabel(module: Pick<ConfigModule, "name" | "file" | "index">): string {
  return module.name !== undefined ? `module "${module.name}"` : `config[${module.index}] of ${module.file}`;
}
