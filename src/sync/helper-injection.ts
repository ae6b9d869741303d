/**
 * Tar-less sync: in dev mode, every pod template that runs a synced image gets an init container that copies
 * the static `trestle-sync` helper into an emptyDir, mounted at `/.trestle` in the synced containers. Syncs
 * then need nothing from the image — no tar, no shell, no rm. A pure transform over parsed manifests.
 */

type Doc = Readonly<Record<string, unknown>>;

/** Where the helper lives in synced containers. */
export const HELPER_DIR = "/.trestle";
export const HELPER_PATH = `${HELPER_DIR}/trestle-sync`;
export const HELPER_VOLUME = "trestle-sync";
export const DEFAULT_HELPER_IMAGE = "localhost:5000/trestle/sync-helper:latest";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asList(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** The pod spec inside a workload (Pod, Deployment…, Job, CronJob), or undefined. */
function podSpecPath(doc: Doc): string[] | undefined {
  switch (doc["kind"]) {
    case "Pod":
      return ["spec"];
    case "CronJob":
      return ["spec", "jobTemplate", "spec", "template", "spec"];
    case "Deployment":
    case "StatefulSet":
    case "DaemonSet":
    case "ReplicaSet":
    case "ReplicationController":
    case "Job":
      return ["spec", "template", "spec"];
    default:
      return undefined;
  }
}

function getIn(doc: Doc, path: readonly string[]): Record<string, unknown> | undefined {
  let at: unknown = doc;
  for (const key of path) at = isRecord(at) ? at[key] : undefined;
  return isRecord(at) ? at : undefined;
}

function setIn(doc: Doc, path: readonly string[], value: Record<string, unknown>): Doc {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const child = doc[head];
  return { ...doc, [head]: setIn(isRecord(child) ? child : {}, rest, value) };
}

function withHelper(spec: Record<string, unknown>, synced: (image: string) => boolean, helperImage: string) {
  const containers = asList(spec["containers"]);
  if (!containers.some((c) => typeof c["image"] === "string" && synced(c["image"]))) return undefined;
  if (asList(spec["volumes"]).some((v) => v["name"] === HELPER_VOLUME)) return undefined;
  const mount = { name: HELPER_VOLUME, mountPath: HELPER_DIR };
  return {
    ...spec,
    initContainers: [
      ...asList(spec["initContainers"]),
      {
        name: "trestle-sync-install",
        image: helperImage,
        args: ["install", HELPER_DIR],
        volumeMounts: [mount],
        securityContext: {
          runAsUser: 65532,
          runAsGroup: 65532,
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
        },
        resources: { requests: { cpu: "5m", memory: "8Mi" } },
      },
    ],
    containers: containers.map((c) =>
      typeof c["image"] === "string" && synced(c["image"])
        ? { ...c, volumeMounts: [...asList(c["volumeMounts"]), { ...mount, readOnly: true }] }
        : c,
    ),
    volumes: [...asList(spec["volumes"]), { name: HELPER_VOLUME, emptyDir: {} }],
  };
}

/** Adds the helper to the pod templates of workloads whose containers run one of the synced images. */
export function injectSyncHelper(
  manifests: readonly Doc[],
  syncedImages: ReadonlySet<string>,
  helperImage: string = DEFAULT_HELPER_IMAGE,
): Doc[] {
  const synced = (image: string): boolean =>
    syncedImages.has(image) || syncedImages.has(image.split("@")[0] ?? image);
  return manifests.map((doc) => {
    if (doc["kind"] === "List") {
      return { ...doc, items: injectSyncHelper(asList(doc["items"]), syncedImages, helperImage) };
    }
    const path = podSpecPath(doc);
    const spec = path && getIn(doc, path);
    const changed = spec && withHelper(spec, synced, helperImage);
    return path && changed ? setIn(doc, path, changed) : doc;
  });
}
