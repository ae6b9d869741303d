/**
 * Parsed Kubernetes manifests. A manifest is one YAML document parsed to a plain mapping: every field is kept,
 * in the order it was written (except integer-like keys, which JavaScript objects put first), so rewriting
 * one field and printing the document again changes nothing else. Visitors over manifests are pure: they
 * return new documents and never modify their input.
 */

/** One parsed YAML document that is a mapping (a Kubernetes object, possibly a `List`). */
export type Manifest = Readonly<Record<string, unknown>>;

/** The documents of one or more YAML streams, in order. */
export type ManifestList = readonly Manifest[];

/** A pure rewrite of a whole manifest list (debug transforms, post-render filters). */
export type ManifestTransform = (manifests: ManifestList) => ManifestList;

/** Where a manifest's kind sits in the API: `Deployment` in group `apps` is `Deployment.apps`. */
export interface GroupKind {
  /** The API group, `""` for the core group (`v1`). */
  readonly group: string;
  readonly kind: string;
}
