/**
 * Reading and printing manifest YAML the way kubectl reads it (YAML 1.1 scalars through sigs.k8s.io/yaml):
 * `defaultMode: 0755` is octal, `yes`/`on` are booleans. Unlike a YAML 1.1 reader, mapping keys stay the text
 * they were written as (`n:` is the key "n", not `false`), and dates and `1:30` stay strings. Printing quotes
 * every string that a YAML 1.1 reader would otherwise take for something else.
 */
import { isMap, isScalar, parseAllDocuments, stringify, visit, type Tags } from "yaml";
import { userError } from "../errors/errors.js";
import type { Manifest, ManifestList } from "./types.js";

function withoutTimes(tags: Tags): Tags {
  return tags.filter(
    (tag) =>
      !(typeof tag === "object" && (tag.tag === "tag:yaml.org,2002:timestamp" || tag.format === "TIME")),
  );
}

const yamlOptions = { version: "1.1", customTags: withoutTimes } as const;

/**
 * Parses a multi-document YAML stream into manifests, in order. Empty documents and `null` documents are
 * dropped (as kubectl does); a document that is not a mapping, or that does not parse, is a user error naming
 * `source` and the document's position.
 */
export function parseManifests(text: string, source: string): Manifest[] {
  const manifests: Manifest[] = [];
  const docs = parseAllDocuments(text, { ...yamlOptions, prettyErrors: false, uniqueKeys: false });
  if (!Array.isArray(docs)) return manifests; // an empty stream
  docs.forEach((doc, index) => {
    const problem = doc.errors[0];
    if (problem !== undefined) {
      throw userError(
        "MANIFEST_INVALID_YAML",
        `${source}: document ${String(index + 1)} is not valid YAML: ${problem.message}`,
        "Fix the YAML syntax of the manifest.",
      );
    }
    if (doc.contents === null) return;
    visit(doc, {
      Pair(_, pair) {
        const key = pair.key;
        if (
          isScalar(key) &&
          key.type === "PLAIN" &&
          typeof key.value !== "string" &&
          key.source !== undefined
        )
          key.value = key.source;
      },
    });
    if (isScalar(doc.contents) && doc.contents.value === null) return;
    if (!isMap(doc.contents)) {
      throw userError(
        "MANIFEST_NOT_AN_OBJECT",
        `${source}: document ${String(index + 1)} is not a mapping (a Kubernetes object)`,
        "Each YAML document of a manifest must be an object with apiVersion and kind.",
      );
    }
    const value: unknown = doc.toJS({ maxAliasCount: 10_000 });
    manifests.push(value as Manifest);
  });
  return manifests;
}

/** Prints one manifest as a YAML document (without the `---` separator). */
export function formatManifest(manifest: Manifest): string {
  return stringify(manifest, { ...yamlOptions, lineWidth: 0, aliasDuplicateObjects: false });
}

/** Prints manifests as one YAML stream, documents separated by `---` lines; empty for no manifests. */
export function formatManifests(manifests: ManifestList): string {
  return manifests.map(formatManifest).join("---\n");
}
