import { createInterface } from "node:readline";
import type { ApiGet } from "./http.js";
import { ApiStatusError } from "./http.js";
import { collectionPath } from "./kinds.js";
import type {
  ResourceWatcher,
  WatchEventType,
  WatchHandle,
  WatchKind,
  WatchKinds,
  WatchRequest,
} from "./types.js";

interface ListBody<T> {
  readonly metadata?: { readonly resourceVersion?: string };
  readonly items?: T[];
}

interface WatchLine {
  readonly type?: string;
  readonly object?: { metadata?: { resourceVersion?: string }; code?: number; message?: string };
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

const keyOf = (o: { metadata?: { namespace?: string; name?: string } }): string =>
  `${o.metadata?.namespace ?? ""}/${o.metadata?.name ?? ""}`;

/**
 * List+watch over the API server's watch stream. When the stream ends it resumes from the last
 * resourceVersion; when that version has expired (410) it lists again and reports the differences, so
 * a consumer never misses an object's last state.
 */
export function createWatcher(api: ApiGet): ResourceWatcher {
  const list = async <K extends WatchKind>(request: WatchRequest<K>, signal?: AbortSignal) =>
    api.json<ListBody<WatchKinds[K]>>(
      collectionPath(request.kind, request.namespace),
      { labelSelector: request.labelSelector, fieldSelector: request.fieldSelector },
      signal,
    );
  return {
    async list(request) {
      return (await list(request)).items ?? [];
    },
    watch(request, onEvent, onError) {
      const controller = new AbortController();
      const signal = controller.signal;
      const known = new Map<string, WatchKinds[typeof request.kind]>();
      let isSynced = false;
      let markSynced: () => void = () => undefined;
      let failSync: (error: unknown) => void = () => undefined;
      const synced = new Promise<void>((resolve, reject) => {
        markSynced = () => {
          isSynced = true;
          resolve();
        };
        failSync = reject;
      });
      synced.catch(() => undefined); // handled by whoever awaits it; never an unhandled rejection
      const deliver = (type: WatchEventType, object: WatchKinds[typeof request.kind]): void => {
        if (type === "DELETED") known.delete(keyOf(object));
        else known.set(keyOf(object), object);
        try {
          onEvent(type, object);
        } catch (error) {
          onError?.(error instanceof Error ? error : new Error(String(error)));
        }
      };
      const relist = async (): Promise<string> => {
        const body = await list(request, signal);
        const seen = new Set<string>();
        for (const item of body.items ?? []) {
          seen.add(keyOf(item));
          deliver(known.has(keyOf(item)) ? "MODIFIED" : "ADDED", item);
        }
        for (const [key, object] of [...known]) if (!seen.has(key)) deliver("DELETED", object);
        return body.metadata?.resourceVersion ?? "";
      };
      const loop = async (): Promise<void> => {
        let version = "";
        let failures = 0;
        while (!signal.aborted) {
          try {
            if (!version) {
              version = await relist();
              markSynced();
            }
            const res = await api.stream(
              collectionPath(request.kind, request.namespace),
              {
                watch: true,
                resourceVersion: version,
                allowWatchBookmarks: true,
                timeoutSeconds: 300,
                labelSelector: request.labelSelector,
                fieldSelector: request.fieldSelector,
              },
              signal,
            );
            failures = 0;
            try {
              for await (const text of createInterface({ input: res, crlfDelay: Infinity })) {
                if (!text.trim()) continue;
                const line = JSON.parse(text) as WatchLine;
                const object = line.object;
                if (line.type === "ERROR") {
                  if (object?.code === 410) version = ""; // expired: list again
                  break;
                }
                if (object?.metadata?.resourceVersion) version = object.metadata.resourceVersion;
                if (line.type === "ADDED" || line.type === "MODIFIED" || line.type === "DELETED")
                  deliver(line.type, object as WatchKinds[typeof request.kind]);
              }
            } finally {
              res.destroy();
            }
          } catch (error) {
            if (signal.aborted) return;
            if (!isSynced) {
              failSync(error); // the first list failed: the consumer decides (usually: a clear error)
              return;
            }
            if (error instanceof ApiStatusError && error.code === 410) {
              version = "";
              continue;
            }
            failures++;
            onError?.(error instanceof Error ? error : new Error(String(error)));
            await sleep(Math.min(5_000, 250 * 2 ** Math.min(failures, 5)), signal);
          }
        }
      };
      void loop();
      const handle: WatchHandle = {
        synced,
        stop: () => {
          controller.abort();
        },
      };
      return handle;
    },
  };
}
