/**
 * `deploy.kubectl.remoteManifests` (Skaffold's kubectl deployer): objects already in the cluster, named
 * `kind/name` or `namespace:kind/name`, read with `kubectl get -o yaml` through the deploy's kube context,
 * then given the built images and the run's labels and applied again. Trestle also drops the fields the
 * server owns (`resourceVersion`, `uid`, `status`, …) so that the apply never conflicts with a newer version.
 */
import type { BuildOutputEntry } from "../../build/types.js";
import { configError, externalError } from "../../errors/errors.js";
import { imageAllowed, type ResourceSelector } from "../../manifest/selector.js";
import { parseImageField, tagsByImageName } from "../../manifest/images.js";
import { visitManifests } from "../../manifest/visit.js";
import type { ManifestApplier } from "../../kube/types.js";
import type { KubeManifest } from "../types.js";

/** One `remoteManifests` entry, split. */
export interface RemoteEntry {
  /** Undefined: the deploy's namespace (or kubectl's). */
  readonly namespace: string | undefined;
  /** `kind/name`, as `kubectl get` takes it. */
  readonly resource: string;
}

/** Splits `namespace:kind/name` or `kind/name`; a config error for anything else. */
export function parseRemoteEntry(entry: string): RemoteEntry {
  const colon = entry.indexOf(":");
  const namespace = colon === -1 ? undefined : entry.slice(0, colon).trim();
  const resource = (colon === -1 ? entry : entry.slice(colon + 1)).trim();
  const slash = resource.indexOf("/");
  if (
    namespace === "" ||
    slash <= 0 ||
    slash === resource.length - 1 ||
    resource.indexOf("/", slash + 1) !== -1 ||
    /\s|:/.test(resource)
  ) {
    throw configError(
      "KUBECTL_REMOTE_MANIFEST_INVALID",
      `deploy.kubectl.remoteManifests entry ${JSON.stringify(entry)} is not kind/name or namespace:kind/name`,
      undefined,
      "Name one object, e.g. deployment/web or staging:deployment/web.",
    );
  }
  return { namespace, resource };
}

const SERVER_METADATA = [
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "managedFields",
  "selfLink",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
];
const SERVER_ANNOTATIONS = [
  "kubectl.kubernetes.io/last-applied-configuration",
  "deployment.kubernetes.io/revision",
];

function without(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The object without the fields the API server sets (a copy). */
export function withoutServerFields(object: KubeManifest): KubeManifest {
  const copy = without(structuredClone(object), ["status"]);
  const metadata = copy["metadata"];
  if (!isRecord(metadata)) return copy;
  const meta = without(metadata, SERVER_METADATA);
  const annotations = meta["annotations"];
  if (isRecord(annotations)) {
    const notes = without(annotations, SERVER_ANNOTATIONS);
    if (Object.keys(notes).length === 0) delete meta["annotations"];
    else meta["annotations"] = notes;
  }
  return { ...copy, metadata: meta };
}

/**
 * Image fields naming a built image go back to the bare name (`app:old@sha256:…` → `app`), so that image
 * replacement applies again: a remote object carries the digest-pinned image of the previous deploy, which
 * replacement would otherwise leave alone.
 */
export function unpinBuiltImages(
  manifests: readonly KubeManifest[],
  builds: readonly BuildOutputEntry[],
  selector: ResourceSelector,
): KubeManifest[] {
  const names = tagsByImageName(builds);
  return visitManifests(manifests, selector, (gk, navpath, parent, key, value) => {
    if (!imageAllowed(selector, gk, navpath, key) || typeof value !== "string") return true;
    const parsed = parseImageField(value);
    if (parsed !== undefined && parsed.digest !== "" && names.has(parsed.baseName))
      parent[key] = parsed.baseName;
    return false;
  });
}

/** Reads one remote object from the cluster: `(entry, namespace) → objects`. */
export type RemoteReader = (
  entry: string,
  namespace: string | undefined,
  signal: AbortSignal,
) => Promise<readonly KubeManifest[]>;

/** A `RemoteReader` over the cluster adapter's `read` (`kubectl get <kind/name> -o yaml`, the deploy's context). */
export function remoteReader(applier: () => Pick<ManifestApplier, "read">): RemoteReader {
  return async (text, namespace, signal) => {
    const entry = parseRemoteEntry(text);
    const ns = entry.namespace ?? namespace;
    try {
      const objects = await applier().read(entry.resource, {
        ...(ns === undefined ? {} : { namespace: ns }),
        signal,
      });
      return objects.map(withoutServerFields);
    } catch (error) {
      throw externalError(
        "KUBECTL_REMOTE_MANIFEST_FAILED",
        `cannot read remote manifest ${text}: ${error instanceof Error ? error.message : String(error)}`,
        "deploy.kubectl.remoteManifests names objects that must already exist in the cluster (kubectl get <kind>/<name>).",
        error,
      );
    }
  };
}
