import type { Artifact } from "../../config/schema/index.js";
import { parseImageReference } from "./reference.js";
import type { Tagger } from "./tagger.js";

/**
 * The `sha256` policy (Skaffold's `ChecksumTagger`): `latest`, or nothing when the image name already has a
 * tag; the reference becomes immutable later through the digest or image ID.
 */
export const checksumTagger: Tagger = {
  tag(artifact: Artifact): Promise<string> {
    return Promise.resolve().then(() => (parseImageReference(artifact.image).tag === "" ? "latest" : ""));
  },
};
