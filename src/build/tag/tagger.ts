import type { Artifact } from "../../config/schema/index.js";

/**
 * Computes the tag (the part after `:`) of one artifact's image from its config and workspace (absolute
 * path); `""` means the image name already carries a tag and is used as it is. Rejects when no tag can be
 * computed (the caller then falls back to `latest`, as Skaffold does).
 */
export interface Tagger {
  tag(artifact: Artifact, workspace: string): Promise<string>;
}
