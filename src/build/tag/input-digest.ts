/** The `inputDigest` tag policy: a digest of the files the image is built from. */
import type { Artifact } from "../../config/schema/index.js";
import { fileSetDigest } from "../cache/file-set-digest.js";
import type { FileDigestSource } from "../cache/file-hashes.js";
import { artifactInputFiles } from "../cache/input-files.js";
import { requirementsOf } from "../scheduler-graph.js";
import type { ArtifactWorkspace } from "../scheduler-graph.js";
import type { DependencyLister } from "../types.js";
import type { Tagger } from "./tagger.js";

/** What the input-digest tagger reads: dependency lists, file digests, and the artifacts that can be required. */
export interface InputDigestContext {
  readonly lister: DependencyLister;
  readonly digests: FileDigestSource;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Artifacts by image name; the files of required artifacts count too, as in Skaffold. */
  readonly artifacts?: ReadonlyMap<string, ArtifactWorkspace>;
}

/**
 * Tags with the hex SHA-256 of the artifact's input files and those of the artifacts it requires (transitively):
 * paths relative to the artifact's workspace, kinds, permissions and contents. Like Skaffold's, the tag is 64 hex
 * characters that change exactly when an input does; the value differs from Skaffold's (which hashes with MD5
 * per file and re-reads every file), so the first Trestle build of a Skaffold-tagged project retags once.
 */
export function inputDigestTagger(context: InputDigestContext): Tagger {
  const collect = async (artifact: Artifact, workspace: string, seen: Set<string>): Promise<string[]> => {
    seen.add(artifact.image);
    const files = await artifactInputFiles(artifact, workspace, context.lister, context.env);
    for (const req of requirementsOf(artifact)) {
      const dep = context.artifacts?.get(req.image);
      if (dep !== undefined && !seen.has(req.image))
        files.push(...(await collect(dep.artifact, dep.workspace, seen)));
    }
    return files;
  };
  return {
    async tag(artifact: Artifact, workspace: string): Promise<string> {
      const files = await collect(artifact, workspace, new Set());
      return fileSetDigest(workspace, files, context.digests);
    },
  };
}
