/**
 * What the dev loop watches, built once per config load and updated incrementally: per artifact, a predicate
 * for its build inputs (from the Dockerfile's COPY sources and .dockerignore, or its `dependencies` globs) and
 * its sync planner; plus the deploy inputs and the config files. A Dockerfile is re-read only when it changes.
 */
import { posix, relative, resolve, sep } from "node:path";
import { artifactTypeOf } from "../config/artifact-type.js";
import type { ResolvedConfig } from "../config/resolved.js";
import type { Artifact } from "../config/schema/index.js";
import { globMatch } from "../build/glob.js";
import type { BuiltImage } from "../build/types.js";
import { isBuildInput, loadDockerfileCopies, type DockerfileCopies } from "../sync/dockerfile-copies.js";
import { inferredDockerPlanner, koDataPlanner, manualPlanner } from "../sync/rules.js";
import type { AutoSyncRuleProvider, SyncPlanner } from "../sync/types.js";
import type { WatchedArtifact, WatchModel } from "./change-set.js";

/** An image's config as the dev loop reads it (WORKDIR for relative sync destinations, labels for auto sync). */
export interface ImageFacts {
  readonly workingDir: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface DevModelInputs {
  readonly project: ResolvedConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** `--watch-image`: only these artifacts are watched (all when empty). */
  readonly watchImages: readonly string[];
  /** The built image's config, or undefined when it cannot be read. */
  readonly imageFacts: (reference: string) => Promise<ImageFacts | undefined>;
  /** Buildpacks `devmode.sync` rules (from the cnb builder); undefined leaves auto sync to rebuilds. */
  readonly autoRules?: AutoSyncRuleProvider;
  /** Files whose change redeploys (manifests, charts, values files), absolute. */
  readonly deployInputs: readonly string[];
  readonly warn: (message: string) => void;
}

interface ArtifactEntry {
  readonly artifact: Artifact;
  readonly workspace: string;
  docker: DockerfileCopies | undefined;
  planner: SyncPlanner | undefined;
  dependents: string[];
}

function rel(workspace: string, path: string): string | undefined {
  const r = relative(workspace, path);
  return r === "" || r.startsWith("..") || r.startsWith(sep) ? undefined : r.split(sep).join("/");
}

function pathsPredicate(paths: readonly string[], ignore: readonly string[]): (rel: string) => boolean {
  const covers = (pattern: string, file: string): boolean => {
    const p = posix.normalize(pattern).replace(/^\.\//, "").replace(/\/+$/, "");
    if (p === "." || p === "") return true;
    if (globMatch(p, file)) return true;
    const parts = file.split("/");
    for (let i = 1; i < parts.length; i++) if (globMatch(p, parts.slice(0, i).join("/"))) return true;
    return false;
  };
  return (file) => paths.some((p) => covers(p, file)) && !ignore.some((p) => covers(p, file));
}

/** The watch model of a project; `refresh` re-reads inputs and sync rules after changes and builds. */
export class DevModel implements WatchModel {
  private readonly entries: ArtifactEntry[] = [];
  private readonly deployInputs: Set<string>;
  private readonly configFiles: Set<string>;

  private constructor(private readonly inputs: DevModelInputs) {
    this.deployInputs = new Set(inputs.deployInputs.map((p) => resolve(p)));
    this.configFiles = new Set([inputs.project.rootFile, ...inputs.project.modules.map((m) => m.file)]);
  }

  static async create(inputs: DevModelInputs): Promise<DevModel> {
    const model = new DevModel(inputs);
    for (const module of inputs.project.modules) {
      for (const artifact of module.config.build?.artifacts ?? []) {
        if (inputs.watchImages.length > 0 && !inputs.watchImages.some((w) => artifact.image.includes(w)))
          continue;
        model.entries.push({
          artifact,
          workspace: resolve(module.dir, artifact.context ?? "."),
          docker: undefined,
          planner: undefined,
          dependents: [],
        });
      }
    }
    const byImage = new Map(model.entries.map((e) => [e.artifact.image, e]));
    const dependentsOf = (image: string, seen = new Set<string>()): string[] => {
      for (const e of model.entries)
        if ((e.artifact.requires ?? []).some((r) => r.image === image) && !seen.has(e.artifact.image)) {
          seen.add(e.artifact.image);
          dependentsOf(e.artifact.image, seen);
        }
      return [...seen];
    };
    for (const e of model.entries)
      e.dependents = dependentsOf(e.artifact.image).filter((d) => byImage.has(d));
    for (const e of model.entries) await model.readInputs(e);
    return model;
  }

  /** The directories to watch: the project directory and every artifact workspace outside it. */
  roots(): string[] {
    const top = posix.dirname(this.inputs.project.rootFile);
    const roots = [top];
    for (const e of this.entries)
      if (rel(top, e.workspace) === undefined && e.workspace !== top) roots.push(e.workspace);
    for (const m of this.inputs.project.modules)
      if (rel(top, m.dir) === undefined && m.dir !== top) roots.push(m.dir);
    return [...new Set(roots)];
  }

  get artifacts(): readonly WatchedArtifact[] {
    return this.entries.map((e) => this.watched(e));
  }

  isDeployInput(path: string): boolean {
    return this.deployInputs.has(path);
  }

  isConfig(path: string): boolean {
    return this.configFiles.has(path);
  }

  /** Whether any artifact treats a directory (absolute) as a possible build input (it must stay watched). */
  mayContainInputs(dir: string): boolean {
    return this.entries.some((e) => {
      const r = rel(e.workspace, dir);
      if (e.workspace === dir) return true;
      if (r === undefined) return false;
      if (e.docker)
        return !e.docker.matcher.matchesOrParentMatches(r) || !e.docker.matcher.canSkipDirectory(r);
      return true;
    });
  }

  /** Re-reads the Dockerfiles of these artifacts (after they changed). */
  async reread(images: Iterable<string>): Promise<void> {
    for (const image of images) {
      const e = this.entries.find((x) => x.artifact.image === image);
      if (e) await this.readInputs(e);
    }
  }

  /** Recomputes the sync planners of rebuilt artifacts from their new images (WORKDIR, labels). */
  async updatePlanners(built: ReadonlyMap<string, BuiltImage>): Promise<void> {
    for (const e of this.entries) {
      const image = built.get(e.artifact.image);
      if (image) e.planner = await this.planner(e, image);
    }
  }

  private watched(e: ArtifactEntry): WatchedArtifact {
    const docker = e.docker;
    const deps =
      e.artifact.ko?.dependencies ?? e.artifact.custom?.dependencies ?? e.artifact.buildpacks?.dependencies;
    const type = artifactTypeOf(e.artifact) ?? "docker";
    const predicate =
      docker !== undefined
        ? (r: string) => isBuildInput(docker, r)
        : pathsPredicate(
            deps && "paths" in deps && deps.paths ? deps.paths : type === "ko" ? ["**/*.go"] : ["."],
            deps && "ignore" in deps && deps.ignore ? deps.ignore : [],
          );
    return {
      image: e.artifact.image,
      workspace: e.workspace,
      includes: (path) => {
        const r = rel(e.workspace, path);
        return r !== undefined && !this.configFiles.has(path) && predicate(r);
      },
      definesInputs: (path) =>
        docker !== undefined && (path === docker.dockerfile || docker.ignoreFiles.includes(path)),
      planner: e.planner,
      dependents: e.dependents,
    };
  }

  private async readInputs(e: ArtifactEntry): Promise<void> {
    const type = artifactTypeOf(e.artifact) ?? "docker";
    const dockerfile =
      type === "docker" ? e.artifact.docker?.dockerfile : e.artifact.custom?.dependencies?.dockerfile?.path;
    if (type !== "docker" && dockerfile === undefined) return;
    try {
      e.docker = await loadDockerfileCopies(
        type === "docker" ? e.artifact : { ...e.artifact, docker: { dockerfile } },
        {
          workspace: e.workspace,
          env: this.inputs.env,
          cwd: this.inputs.cwd,
          baseWorkdir: async (image) => (await this.inputs.imageFacts(image))?.workingDir,
        },
      );
    } catch (error) {
      this.inputs.warn(
        `${e.artifact.image}: cannot read its Dockerfile (${error instanceof Error ? error.message : String(error)}); every file of its context counts as an input`,
      );
      e.docker = undefined;
    }
  }

  private async planner(e: ArtifactEntry, built: BuiltImage): Promise<SyncPlanner | undefined> {
    const sync = e.artifact.sync;
    if (sync === undefined) return undefined;
    if (sync.manual && sync.manual.length > 0) {
      const facts = await this.inputs.imageFacts(built.reference);
      return manualPlanner(
        e.workspace,
        sync.manual.map((r) => ({ src: r.src, dest: r.dest, ...(r.strip ? { strip: r.strip } : {}) })),
        facts?.workingDir ?? "/",
      );
    }
    if (sync.infer && sync.infer.length > 0) {
      if (e.artifact.ko) return koDataPlanner(e.workspace, sync.infer, e.artifact.ko);
      if (e.docker) return inferredDockerPlanner(e.workspace, sync.infer, e.docker);
      return undefined;
    }
    if (sync.auto === true) {
      const facts = await this.inputs.imageFacts(built.reference);
      const rules =
        facts &&
        (await this.inputs.autoRules?.({
          artifact: e.artifact,
          workspace: e.workspace,
          labels: facts.labels,
          reference: built.reference,
        }));
      if (!rules || rules.length === 0) {
        this.inputs.warn(
          `${e.artifact.image}: sync.auto found no sync rules in the built image; changes rebuild`,
        );
        return undefined;
      }
      return manualPlanner(e.workspace, rules, facts?.workingDir ?? "/");
    }
    return undefined;
  }
}
