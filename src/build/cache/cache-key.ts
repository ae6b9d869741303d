/**
 * The artifact cache key: a digest of everything that decides what an artifact's image contains, as Skaffold's
 * `pkg/skaffold/build/cache/hash.go` (builder config, input files, evaluated build args or env, target platforms,
 * required artifacts) plus the run mode when it is `debug`, which changes how ko, Jib and buildpacks compile.
 */
import { createHash } from "node:crypto";
import { artifactTypeOf } from "../../config/artifact-type.js";
import type { Artifact } from "../../config/schema/index.js";
import { TrestleError } from "../../errors/errors.js";
import { requirementsOf, topologicalOrder } from "../scheduler-graph.js";
import type { ArtifactWorkspace } from "../scheduler-graph.js";
import type { DependencyLister, RunMode } from "../types.js";
import { canonicalJson } from "./canonical-json.js";
import type { FileDigestSource } from "./file-hashes.js";
import { fileSetDigest } from "./file-set-digest.js";
import { artifactInputFiles } from "./input-files.js";

/** Bumped whenever the key's recipe changes, so old entries stop matching. */
const KEY_VERSION = "trestle-cache-key/1";

/** One artifact's inputs besides its files. */
export interface CacheKeyInput extends ArtifactWorkspace {
  /** Build args (docker, kaniko, custom-with-Dockerfile) or env (buildpacks) after template evaluation. */
  readonly buildArgs?: Readonly<Record<string, string | null | undefined>>;
  readonly platforms: readonly string[];
  readonly mode: RunMode;
  /** Cache keys of the artifacts this one requires, by image name (a key covers its own requirements). */
  readonly requiredKeys: ReadonlyMap<string, string>;
}

/** The builder's part of the key: its type, its config, and how required artifacts are handed to it. */
function builderConfig(artifact: Artifact): unknown {
  const type = artifactTypeOf(artifact) ?? "docker";
  return { type, config: artifact[type] ?? {}, requires: requirementsOf(artifact) };
}

function requiredKey(input: CacheKeyInput, image: string): string {
  const key = input.requiredKeys.get(image);
  if (key !== undefined) return key;
  const message = `no cache key for "${image}", required by "${input.artifact.image}"`;
  throw new TrestleError(message, { kind: "internal", code: "CACHE_KEY_ORDER" });
}

/** Computes cache keys, reading file lists from the dependency lister and file digests from the store. */
export class CacheKeyCalculator {
  constructor(
    private readonly lister: DependencyLister,
    private readonly digests: FileDigestSource,
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {}

  /** The hex SHA-256 key of one artifact; its required artifacts' keys must be in `requiredKeys`. */
  async key(input: CacheKeyInput): Promise<string> {
    const files = await artifactInputFiles(input.artifact, input.workspace, this.lister, this.env);
    const sources = await fileSetDigest(input.workspace, files, this.digests);
    const args = Object.entries(input.buildArgs ?? {})
      .map(([k, v]) => (v === null || v === undefined ? k : `${k}=${v}`))
      .sort();
    const required = requirementsOf(input.artifact)
      .map((r) => r.image)
      .sort()
      .map((image) => [image, requiredKey(input, image)]);
    const recipe = canonicalJson({
      version: KEY_VERSION,
      builder: builderConfig(input.artifact),
      sources,
      args,
      platforms: [...input.platforms].sort(),
      debug: input.mode === "debug",
      required,
    });
    return createHash("sha256").update(recipe).digest("hex");
  }

  /**
   * Keys of every artifact, computed in `requires` order so each one covers what it requires; give it all the
   * artifacts that others require, not only those about to be built.
   */
  async keys(inputs: readonly Omit<CacheKeyInput, "requiredKeys">[]): Promise<Map<string, string>> {
    const keys = new Map<string, string>();
    for (const input of topologicalOrder(inputs)) {
      keys.set(input.artifact.image, await this.key({ ...input, requiredKeys: keys }));
    }
    return keys;
  }
}
