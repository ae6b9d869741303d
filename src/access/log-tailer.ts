/** Follows the logs of every container of this run's pods, across restarts and new pods, printing each line once. */
import type { Pod, WatchHandle } from "../kube/types.js";
import { LogCursor } from "./cursor.js";
import type { LogPrefix, LogTailer, LogTailerOptions } from "./types.js";

/** Skaffold's rotating palette: light red, green, yellow, blue, purple, then red, green, yellow, blue, purple, cyan. */
const PALETTE = [91, 92, 93, 94, 95, 31, 32, 33, 34, 35, 36] as const;

/** The prefix of a line: `[pod container]`, `[container]` or nothing. */
export function linePrefix(prefix: LogPrefix, pod: string, container: string): string {
  switch (prefix) {
    case "none":
      return "";
    case "container":
      return `[${container}] `;
    case "auto":
    case "podAndContainer":
      return `[${pod} ${container}] `;
  }
}

interface ContainerState {
  readonly id: string;
  readonly restarts: number;
  readonly running: boolean;
}

function containerStates(pod: Pod): Map<string, ContainerState> {
  const states = new Map<string, ContainerState>();
  for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    states.set(s.name, {
      id: s.containerID ?? "",
      restarts: s.restartCount,
      running: s.state?.running !== undefined,
    });
  }
  return states;
}

export function createLogTailer(options: LogTailerOptions): LogTailer {
  const controller = new AbortController();
  const signal = controller.signal;
  options.signal?.addEventListener(
    "abort",
    () => {
      controller.abort();
    },
    { once: true },
  );
  const prefix = options.prefix ?? "auto";
  const pods = new Map<string, Pod>();
  const deleted = new Set<string>();
  const followers = new Map<string, Promise<void>>();
  const colours = new Map<string, number>();
  const waiters = new Set<() => void>();
  const watches: WatchHandle[] = [];
  let held: string[] | undefined;

  const write = (text: string): void => {
    if (held) held.push(text);
    else options.out.write(text);
  };
  const colourOf = (key: string): number => {
    let c = colours.get(key);
    if (c === undefined) {
      c = PALETTE[colours.size % PALETTE.length] ?? 36;
      colours.set(key, c);
    }
    return c;
  };
  const changed = (): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        waiters.delete(done);
        resolve();
      };
      waiters.add(done);
      signal.addEventListener("abort", done, { once: true });
    });
  const notify = (): void => {
    for (const w of [...waiters]) w();
  };

  /** Follows one container by name through all of its instances until the pod is gone or it stopped for good. */
  const follow = async (
    podKey: string,
    namespace: string,
    podName: string,
    container: string,
  ): Promise<void> => {
    const cursor = new LogCursor(options.since);
    const head = linePrefix(prefix, podName, container);
    const painted =
      options.colour && head
        ? `\u001b[${String(colourOf(`${podName}/${container}`))}m${head}\u001b[0m`
        : head;
    const read = async (previous: boolean, follow: boolean): Promise<void> => {
      cursor.rewind();
      const sinceTime = cursor.sinceTime();
      await options.client.logs
        .stream(
          {
            namespace,
            pod: podName,
            container,
            previous,
            follow,
            signal,
            ...(sinceTime ? { sinceTime } : {}),
          },
          (line) => {
            if (cursor.accept(line.timestamp)) write(`${painted}${line.text}\n`);
          },
        )
        .catch(() => undefined); // a container not started yet, or gone: the pod's state decides what next
    };
    let reading = containerStates(pods.get(podKey) ?? {}).get(container);
    while (!signal.aborted) {
      await read(false, true);
      if (signal.aborted) return;
      // The stream ended: the instance stopped, the pod went away, or the connection dropped.
      for (;;) {
        const pod = pods.get(podKey);
        const now = pod ? containerStates(pod).get(container) : undefined;
        if (!pod || deleted.has(podKey)) {
          await read(false, false); // what is left of the last instance, if the pod still answers
          return;
        }
        if (now && reading && now.restarts > reading.restarts) {
          await read(true, false); // the rest of the instance that was being read
          reading = now;
          break;
        }
        if (now?.running && now.id === reading?.id && reading.id !== "") break; // a dropped connection: read on
        if (now && !reading?.id && now.id) {
          reading = now; // the first instance has started
          break;
        }
        const phase = pod.status?.phase;
        if ((phase === "Succeeded" || phase === "Failed") && !now?.running) {
          await read(false, false);
          return;
        }
        await Promise.race([changed(), new Promise((r) => setTimeout(r, 2_000))]);
        if (signal.aborted) return;
      }
    }
  };

  const onPod = (namespace: string, type: string, pod: Pod): void => {
    const name = pod.metadata?.name ?? "";
    const key = `${namespace}/${name}`;
    if (type === "DELETED") deleted.add(key);
    pods.set(key, pod);
    notify();
    if (type === "DELETED") return;
    for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
      const followKey = `${key}/${c.name}`;
      if (followers.has(followKey)) continue;
      const states = containerStates(pod);
      if (!states.get(c.name)?.id) continue; // not started: nothing to read yet
      followers.set(followKey, follow(key, namespace, name, c.name));
    }
  };

  return {
    async start() {
      for (const namespace of options.namespaces) {
        watches.push(
          options.client.watcher.watch(
            { kind: "Pod", namespace, labelSelector: options.labelSelector },
            (type, pod) => {
              onPod(namespace, type, pod);
            },
          ),
        );
      }
      await Promise.all(watches.map((w) => w.synced));
    },
    mute() {
      held ??= [];
    },
    unmute() {
      const lines = held ?? [];
      held = undefined;
      for (const l of lines) options.out.write(l);
    },
    async stop() {
      for (const w of watches) w.stop();
      controller.abort();
      notify();
      await Promise.all(followers.values());
      if (held) this.unmute();
    },
  };
}
