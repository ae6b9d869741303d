/**
 * The Kubernetes syncer: finds the running containers of this run (run-id label) that run the built image
 * (matched by the digest or image ID the kubelet reports, not by the tag text), and copies/deletes files in
 * them over the API server's exec stream — through the injected `trestle-sync` helper when present, else the
 * image's own `tar` and `rm`. It remembers what it synced per image and replays that into containers that
 * start later (a restarted container or a new replica), until the image is rebuilt.
 */
import { lstat } from "node:fs/promises";
import { TrestleError } from "../errors/errors.js";
import type { ExecResult, Pod, PodExec, ResourceWatcher, WatchHandle } from "../kube/types.js";
import { tarStream, type TarEntry } from "../util/tar.js";
import { HELPER_PATH } from "./helper-injection.js";
import type { SyncCopy, SyncItem, SyncResult, Syncer, SyncTarget } from "./types.js";
import type { BuiltImage } from "../build/types.js";

export interface KubeSyncerOptions {
  readonly exec: PodExec;
  readonly pods: Pick<ResourceWatcher, "list" | "watch">;
  /** The run's `skaffold.dev/run-id`. */
  readonly runId: string;
  /** The namespaces the last deploy touched. */
  readonly namespaces: () => readonly string[];
  readonly warn: (message: string) => void;
  /** Told when files were replayed into a container that started after they were synced. */
  readonly onReplay?: (target: SyncTarget, files: number) => void;
}

interface ContainerRef {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  /** The container instance (changes when it restarts). */
  readonly containerId: string;
}

/** Whether a container status shows the built image (digest or image ID), or failing that the same reference. */
export function runsImage(
  status: { readonly image?: string; readonly imageID?: string },
  specImage: string | undefined,
  built: BuiltImage,
): boolean {
  const id = status.imageID ?? "";
  if (built.digest !== undefined && id.endsWith(built.digest)) return true;
  if (built.imageId !== undefined && id.endsWith(built.imageId)) return true;
  const ref = built.reference;
  const bare = ref.split("@")[0] ?? ref;
  return specImage === ref || (built.digest === undefined && (specImage === bare || status.image === bare));
}

/** Running containers of the pod that run the image. */
export function matchingContainers(pod: Pod, built: BuiltImage): ContainerRef[] {
  if (pod.status?.phase !== "Running" || pod.metadata?.deletionTimestamp) return [];
  const specImages = new Map((pod.spec?.containers ?? []).map((c) => [c.name, c.image]));
  return (pod.status.containerStatuses ?? [])
    .filter((s) => s.state?.running !== undefined && runsImage(s, specImages.get(s.name), built))
    .map((s) => ({
      namespace: pod.metadata?.namespace ?? "",
      pod: pod.metadata?.name ?? "",
      container: s.name,
      containerId: s.containerID ?? "",
    }));
}

function missingCommand(result: ExecResult | Error): boolean {
  const text =
    result instanceof Error ? result.message : `${String(result.exitCode)} ${result.stderr.toString()}`;
  return /no such file|not found|executable file|exit code 12[67]|^12[67] /i.test(text);
}

async function entries(copies: readonly SyncCopy[]): Promise<TarEntry[]> {
  const out: TarEntry[] = [];
  for (const copy of copies) {
    const stats = await lstat(copy.local);
    if (!stats.isFile()) continue;
    for (const dest of copy.dests)
      out.push({
        type: "file",
        path: dest.replace(/^\/+/, ""),
        mode: stats.mode & 0o777,
        size: stats.size,
        source: { file: copy.local },
        meta: { mtime: Math.floor(stats.mtimeMs / 1000) },
      });
  }
  return out;
}

const REPLAY_ATTEMPTS = 6;

/** The accumulated sync state of one image: container path → local file, or null when deleted. */
type State = Map<string, string | null>;

export class KubeSyncer implements Syncer {
  private readonly state = new Map<string, { built: BuiltImage; files: State }>();
  private readonly via = new Map<string, "helper" | "tar">();
  private readonly seen = new Map<string, string>();
  private watches: WatchHandle[] = [];

  constructor(private readonly options: KubeSyncerOptions) {}

  async sync(item: SyncItem, signal: AbortSignal): Promise<SyncResult> {
    const targets: ContainerRef[] = [];
    for (const namespace of this.options.namespaces()) {
      const pods = await this.options.pods.list({
        kind: "Pod",
        namespace,
        labelSelector: `skaffold.dev/run-id=${this.options.runId}`,
      });
      for (const pod of pods) targets.push(...matchingContainers(pod, item.built));
    }
    if (targets.length === 0) {
      throw new TrestleError(`no running container of this run runs ${item.built.reference}`, {
        kind: "external",
        code: "SYNC_NO_TARGET",
        hint: "The pods may still be starting or crash-looping; Trestle rebuilds and redeploys instead.",
      });
    }
    const copies = await entries(item.copy);
    const done = await Promise.all(targets.map((t) => this.apply(t, copies, item.delete, signal)));
    this.remember(item);
    for (const t of targets) this.seen.set(`${t.namespace}/${t.pod}/${t.container}`, t.containerId);
    return { files: item.copy.length, deleted: item.delete.length, targets: done };
  }

  /** Forgets what was synced into an image (after a rebuild the new image has it). */
  forget(image: string): void {
    this.state.delete(image);
  }

  private remember(item: SyncItem): void {
    let entry = this.state.get(item.image);
    if (!entry || entry.built.reference !== item.built.reference) {
      entry = { built: item.built, files: new Map() };
      this.state.set(item.image, entry);
    }
    for (const copy of item.copy) for (const dest of copy.dests) entry.files.set(dest, copy.local);
    for (const dest of item.delete) entry.files.set(dest, null);
  }

  private async apply(
    target: ContainerRef,
    copies: readonly TarEntry[],
    deletes: readonly string[],
    signal: AbortSignal,
  ): Promise<SyncTarget> {
    const key = `${target.namespace}/${target.pod}/${target.container}`;
    const base = { namespace: target.namespace, pod: target.pod, container: target.container };
    const request = { namespace: target.namespace, pod: target.pod, container: target.container, signal };
    const check = (what: string, result: ExecResult): void => {
      if (result.exitCode === 0) return;
      throw new TrestleError(`sync into ${key} failed: ${what} exited ${String(result.exitCode)}`, {
        kind: "external",
        code: "SYNC_FAILED",
        hint:
          result.stderr.toString().trim() || "Check that the container user may write the destination paths.",
      });
    };
    if (this.via.get(key) !== "tar") {
      const args = deletes.flatMap((d) => ["--delete", d]);
      let result: ExecResult | Error;
      try {
        result = await this.options.exec.exec({
          ...request,
          command: [HELPER_PATH, "apply", ...args],
          stdin: tarStream(copies),
        });
      } catch (error) {
        result = error instanceof Error ? error : new Error(String(error));
      }
      if (!(result instanceof Error) && result.exitCode === 0) {
        this.via.set(key, "helper");
        return { ...base, via: "helper" };
      }
      if (!missingCommand(result)) {
        if (result instanceof Error) throw result;
        check("trestle-sync", result);
      }
    }
    try {
      if (copies.length > 0)
        check(
          "tar",
          await this.options.exec.exec({
            ...request,
            command: ["tar", "xmf", "-", "-C", "/", "--no-same-owner"],
            stdin: tarStream(copies),
          }),
        );
      if (deletes.length > 0)
        check("rm", await this.options.exec.exec({ ...request, command: ["rm", "-rf", "--", ...deletes] }));
    } catch (error) {
      if (
        error instanceof TrestleError &&
        error.code === "SYNC_FAILED" &&
        !missingCommand(new Error(error.hint ?? ""))
      )
        throw error;
      throw new TrestleError(`cannot sync into ${key}: the image has no trestle-sync helper and no tar`, {
        kind: "user",
        code: "SYNC_UNSUPPORTED",
        hint: "Trestle injects the helper into pods it deploys in dev mode; this pod lacks it (deployed another way?). Rebuilding instead.",
        cause: error,
      });
    }
    this.via.set(key, "tar");
    return { ...base, via: "tar" };
  }

  /** Watches this run's pods and replays the accumulated sync state into containers that start later. */
  watchRestarts(): void {
    this.stopWatching();
    for (const namespace of this.options.namespaces()) {
      this.watches.push(
        this.options.pods.watch(
          { kind: "Pod", namespace, labelSelector: `skaffold.dev/run-id=${this.options.runId}` },
          (type, pod) => {
            if (type !== "DELETED") void this.replay(pod);
          },
          () => undefined,
        ),
      );
    }
  }

  stopWatching(): void {
    for (const w of this.watches) w.stop();
    this.watches = [];
  }

  private async replay(pod: Pod): Promise<void> {
    for (const [, { built, files }] of this.state) {
      for (const target of matchingContainers(pod, built)) {
        const key = `${target.namespace}/${target.pod}/${target.container}`;
        if (this.seen.get(key) === target.containerId) continue;
        this.seen.set(key, target.containerId);
        const copy: SyncCopy[] = [];
        const removed: string[] = [];
        for (const [dest, local] of files) {
          if (local === null) removed.push(dest);
          else copy.push({ local, dests: [dest] });
        }
        // A container that just started may not take an exec yet: retry a few times before giving up.
        for (let attempt = 0; ; attempt++) {
          try {
            const done = await this.apply(target, await entries(copy), removed, new AbortController().signal);
            this.options.onReplay?.(done, files.size);
            break;
          } catch (error) {
            if (attempt < REPLAY_ATTEMPTS - 1 && this.seen.get(key) === target.containerId) {
              await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
              continue;
            }
            this.options.warn(
              `re-applying synced files to ${key}: ${error instanceof Error ? error.message : String(error)}`,
            );
            break;
          }
        }
      }
    }
  }
}
