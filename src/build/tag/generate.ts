/** Tag generation for a set of artifacts, as Skaffold's `ImageTags` (`pkg/skaffold/deploy/util/util.go`). */
import { availableParallelism } from "node:os";
import type { Artifact } from "../../config/schema/index.js";
import { substituteDefaultRepo } from "../default-repo.js";
import { mapLimit } from "../scheduler-concurrency.js";
import type { ArtifactWorkspace } from "../scheduler-graph.js";
import { parseImageReference } from "./reference.js";
import { checksumTagger } from "./sha256.js";
import type { Tagger } from "./tagger.js";

/**
 * Skaffold's `GenerateFullyQualifiedImageName`: `image:tag`, or the image itself when the tagger gives no tag
 * (its name already has one); rejects when the tagger fails or the result is not a valid image reference.
 */
export async function fullyQualifiedImageName(
  tagger: Tagger,
  artifact: Artifact,
  workspace: string,
): Promise<string> {
  const tag = await tagger.tag(artifact, workspace);
  const name = tag === "" ? artifact.image : `${artifact.image}:${tag}`;
  parseImageReference(name);
  return name;
}

/** The tag chosen for one artifact. */
export interface GeneratedTag {
  readonly image: string;
  /** The full reference to build, default repo applied. */
  readonly reference: string;
  /** Why the tag policy failed, when the reference fell back to `latest` (the `sha256` policy). */
  readonly fallbackReason?: unknown;
}

/** Where generated names are rewritten to (`--default-repo` / global config, and `multi-level-repo`). */
export interface TagGenerationOptions {
  readonly defaultRepo?: string | undefined;
  readonly multiLevelRepo?: boolean | undefined;
  /** Taggers running at once; defaults to the number of CPUs (Skaffold uses GOMAXPROCS). */
  readonly concurrency?: number;
}

/**
 * Tags every artifact with `tagger`, in parallel, and puts the results under the default repo. A failing tagger
 * falls back to `latest` (with the reason in `fallbackReason`, for a warning), as Skaffold does; rejects only
 * when even that gives no valid reference or the default repo cannot be applied.
 */
export async function generateTags(
  items: readonly ArtifactWorkspace[],
  tagger: Tagger,
  options: TagGenerationOptions = {},
): Promise<GeneratedTag[]> {
  const concurrency = options.concurrency ?? availableParallelism();
  return mapLimit(items, concurrency, async ({ artifact, workspace }) => {
    let fallbackReason: unknown;
    const name = await fullyQualifiedImageName(tagger, artifact, workspace).catch((error: unknown) => {
      fallbackReason = error;
      return fullyQualifiedImageName(checksumTagger, artifact, workspace);
    });
    const reference = substituteDefaultRepo(options.defaultRepo, options.multiLevelRepo, name);
    return fallbackReason === undefined
      ? { image: artifact.image, reference }
      : { image: artifact.image, reference, fallbackReason };
  });
}
