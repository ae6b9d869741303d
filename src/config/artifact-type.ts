import { isMap } from "../util/data.js";
import { ARTIFACT_TYPES, type ArtifactType } from "./schema/index.js";

/** Which builder an artifact uses: the one builder key it sets (after defaults there is exactly one). */
export function artifactTypeOf(artifact: object): ArtifactType | undefined {
  return ARTIFACT_TYPES.find((type) => isMap((artifact as Record<string, unknown>)[type]));
}
