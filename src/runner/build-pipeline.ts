import { dirname, resolve } from "node:path";
import type { ResolvedConfig } from "../config/resolved.js";
import type { Artifact } from "../config/schema/index.js";
import { renderTemplate, templateData } from "../config/template/index.js";
import type { Logger } from "../output/logger.js";
import { ArtifactCache } from "../build/cache/artifact-cache.js";
import { CacheKeyCalculator } from "../build/cache/cache-key.js";
import { FileHashStore } from "../build/cache/file-hashes.js";
import { artifactCacheFile, fileHashStoreFile } from "../build/cache/paths.js";
import { buildInOrder, type ArtifactOutcome, type BuildEvent } from "../build/scheduler.js";
import { resolveBuildConcurrency } from "../build/scheduler-concurrency.js";
import type { ArtifactWorkspace } from "../build/scheduler-graph.js";
import { resolveArtifactPlatforms } from "../build/platforms.js";
import { createTaggerMux, type TaggerContext } from "../build/tag/create.js";
import { generateTags } from "../build/tag/generate.js";
import type { Builder } from "../build/builders.js";
import type { BuildOutputEntry, BuiltImage, RunMode } from "../build/types.js";
import type { Exec } from "../proc/exec.js";

/** What `trestle build` (and later run/dev) decide from flags and config before building. */
export interface BuildPipelineOptions {
  readonly mode: RunMode;
  readonly push: boolean;
  /** `--tag`: overrides every tag policy. */
  readonly customTag: string;
  readonly defaultRepo: string | undefined;
  readonly multiLevelRepo: boolean | undefined;
  readonly cacheArtifacts: boolean;
  readonly cacheFile: string;
  /** `--platform` (merged per artifact with `build.platforms` and the artifact's `platforms`). */
  readonly platforms: readonly string[];
  /** `--disable-multi-platform-build`. */
  readonly singlePlatform?: boolean;
  /** `-b`: only artifacts whose image contains one of these. */
  readonly imageFilter: readonly string[];
  readonly dryRun: boolean;
  /** `--build-concurrency` (-1: from the config). */
  readonly concurrency: number;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  readonly signal: AbortSignal;
}

/** What the cache asks of the places images are published to. */
export interface PublishedImages {
  /** Whether a previously built image still exists where it was published (a registry or the engine). */
  readonly stillExists: (image: BuiltImage, push: boolean) => Promise<boolean>;
  /** Gives a cached image a new tag (and pushes it when `push`); undefined when that cannot be done here. */
  readonly retag: (
    image: BuiltImage,
    tag: string,
    push: boolean,
    signal: AbortSignal,
  ) => Promise<BuiltImage | undefined>;
}

/** The doors the pipeline uses: the builder dispatcher, the process runner, output, and the published images. */
export interface BuildPipelineDeps extends PublishedImages {
  readonly builder: Builder;
  readonly exec: Exec;
  readonly logger: Logger;
  /** A line of build output for one image. */
  readonly output: (image: string, line: string) => void;
  readonly onEvent?: (event: BuildEvent) => void;
}

/** Every artifact's result: built now, found in the cache, or failed/cancelled. */
export interface BuildPipelineResult {
  readonly entries: readonly BuildOutputEntry[];
  readonly outcomes: readonly ArtifactOutcome[];
  readonly cached: readonly string[];
  readonly ok: boolean;
}

/** The artifacts to build, each with its workspace and target platforms. */
function artifactsOf(
  project: ResolvedConfig,
  options: Pick<BuildPipelineOptions, "imageFilter" | "platforms" | "singlePlatform">,
): (ArtifactWorkspace & { readonly platforms: readonly string[] })[] {
  const filter = options.imageFilter;
  return project.modules.flatMap((module) =>
    (module.config.build?.artifacts ?? [])
      .filter((a) => filter.length === 0 || filter.some((f) => a.image.includes(f)))
      .map((artifact) => ({
        artifact,
        workspace: resolve(module.dir, artifact.context ?? "."),
        platforms: resolveArtifactPlatforms({
          cli: options.platforms,
          build: module.config.build?.platforms,
          artifact: artifact.platforms,
          image: artifact.image,
          ...(options.singlePlatform === undefined ? {} : { singlePlatform: options.singlePlatform }),
        }),
      })),
  );
}

/** Docker build args after templates, for the cache key (the builder evaluates them again when it builds). */
function renderedBuildArgs(
  artifact: Artifact,
  env: BuildPipelineOptions["env"],
): Record<string, string | null> {
  const data = templateData({}, env);
  const out: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(artifact.docker?.buildArgs ?? {})) {
    out[key] =
      value === null || value === undefined ? (env[key] ?? null) : renderTemplate(value, data, { env });
  }
  return out;
}

/**
 * Tags every artifact, reuses what the cache has, builds the rest in `requires` order, and records the results:
 * Skaffold's "Generating tags…", "Checking cache…", "Starting build…".
 */
export async function runBuildPipeline(
  project: ResolvedConfig,
  options: BuildPipelineOptions,
  deps: BuildPipelineDeps,
): Promise<BuildPipelineResult> {
  const items = artifactsOf(project, options);
  const root = dirname(project.rootFile);
  const hashes = await FileHashStore.open(fileHashStoreFile(root, options.home), root, {
    warn: (m) => {
      deps.logger.warn(m);
    },
  });
  const taggerContext: TaggerContext = {
    exec: deps.exec,
    lister: deps.builder,
    digests: hashes,
    env: options.env,
    artifacts: new Map(items.map((i) => [i.artifact.image, i])),
    warn: (m) => {
      deps.logger.warn(m);
    },
  };
  const tagger = createTaggerMux(
    project.modules.map((m) => ({
      tagPolicy: m.config.build?.tagPolicy,
      images: (m.config.build?.artifacts ?? []).map((a) => a.image),
    })),
    taggerContext,
    options.customTag,
  );
  deps.logger.info("Generating tags...");
  const tags = await generateTags(items, tagger, {
    defaultRepo: options.defaultRepo,
    multiLevelRepo: options.multiLevelRepo,
  });
  for (const tag of tags) {
    if (tag.fallbackReason !== undefined)
      deps.logger.warn(
        `tag policy failed for ${tag.image}, using "latest": ${tag.fallbackReason instanceof Error ? tag.fallbackReason.message : "unknown error"}`,
      );
    deps.logger.info(` - ${tag.image} -> ${tag.reference}`);
  }
  const referenceOf = new Map(tags.map((t) => [t.image, t.reference]));
  if (options.dryRun) {
    return {
      entries: tags.map((t) => ({ imageName: t.image, tag: t.reference })),
      outcomes: [],
      cached: [],
      ok: true,
    };
  }

  const cache = options.cacheArtifacts
    ? await ArtifactCache.open(artifactCacheFile(options.cacheFile, options.home), {
        warn: (m) => {
          deps.logger.warn(m);
        },
      })
    : undefined;
  const keys = new Map<string, string>();
  const found = new Map<string, BuiltImage>();
  if (cache) {
    deps.logger.info("Checking cache...");
    const calculator = new CacheKeyCalculator(deps.builder, hashes, options.env);
    const computed = await calculator.keys(
      items.map((i) => ({
        ...i,
        mode: options.mode,
        buildArgs: renderedBuildArgs(i.artifact, options.env),
      })),
    );
    for (const { artifact } of items) {
      const key = computed.get(artifact.image);
      if (key === undefined) continue;
      keys.set(artifact.image, key);
      const lookup = cache.lookup(key);
      const wanted = referenceOf.get(artifact.image) ?? artifact.image;
      const sameTag =
        lookup.hit && (lookup.image.reference === wanted || lookup.image.reference.startsWith(`${wanted}@`));
      const retagged =
        lookup.hit && !sameTag
          ? await deps.retag(lookup.image, wanted, options.push, options.signal)
          : undefined;
      if (lookup.hit && sameTag && (await deps.stillExists(lookup.image, options.push))) {
        found.set(artifact.image, lookup.image);
        deps.logger.info(` - ${artifact.image}: Found. Not building.`);
      } else if (retagged) {
        found.set(artifact.image, retagged);
        cache.record(key, artifact.image, retagged);
        deps.logger.info(
          ` - ${artifact.image}: Found. Tagged ${wanted}${options.push ? " and pushed" : ""}, not rebuilt.`,
        );
      } else {
        deps.logger.info(
          ` - ${artifact.image}: ${lookup.hit ? "Found under another tag or no longer published. Rebuilding." : "Not found. Building."}`,
        );
      }
    }
  }
  const toBuild = items.filter((i) => !found.has(i.artifact.image));
  const builds = toBuild.map((i) => ({
    ...i,
    tag: referenceOf.get(i.artifact.image) ?? i.artifact.image,
  }));
  if (builds.length > 0) deps.logger.info("Starting build...");
  const result = await buildInOrder(builds, {
    builder: deps.builder,
    concurrency: resolveBuildConcurrency(
      project.modules.map((m) => m.config.build ?? {}),
      options.concurrency,
    ),
    push: options.push,
    mode: options.mode,
    env: options.env,
    previous: new Map([...found].map(([image, built]) => [image, built.reference])),
    output: deps.output,
    ...(deps.onEvent ? { onEvent: deps.onEvent } : {}),
    signal: options.signal,
  });
  for (const outcome of result.outcomes) {
    const key = keys.get(outcome.image);
    if (outcome.status === "succeeded" && key !== undefined) cache?.record(key, outcome.image, outcome.built);
  }
  await cache?.save();
  await hashes.save();
  const built = new Map<string, BuiltImage>(found);
  for (const o of result.outcomes) if (o.status === "succeeded") built.set(o.image, o.built);
  const entries = items.flatMap(({ artifact }) => {
    const image = built.get(artifact.image);
    return image ? [{ imageName: artifact.image, tag: image.reference }] : [];
  });
  return { entries, outcomes: result.outcomes, cached: [...found.keys()], ok: result.ok };
}
