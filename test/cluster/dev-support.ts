// Helpers of the `trestle dev` cluster tests: the built CLI as a background process whose output is read as it
// comes, and the pod facts that tell a sync from a restart.
import { join } from "node:path";
import {
  background,
  repoRoot,
  toolEnv,
  waitFor,
  type Background,
  type TestNamespace,
} from "../support/index.js";

const bin = join(repoRoot, "bin", "trestle.js");

/** A running `trestle dev`. */
export interface DevProcess {
  readonly process: Background;
  /** Resolves with the first match of `pattern` printed after output position `from` (default: anywhere). */
  next(pattern: RegExp, from: number, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** How much has been printed so far (a position for `next`). */
  mark(): number;
  /** The same promise, whose failure also shows what trestle dev printed. */
  explain<T>(promise: Promise<T>): Promise<T>;
  /** Ctrl+C, then waits for the process to exit; resolves with everything it printed. */
  interrupt(timeoutMs?: number): Promise<string>;
}

/** Starts `trestle dev` in `dir` against the test namespace. */
export function startDev(ns: TestNamespace, dir: string, args: readonly string[] = []): DevProcess {
  const bg = background(process.execPath, [bin, "dev", "-n", ns.name, ...args], {
    cwd: dir,
    env: toolEnv(ns.env, { NO_COLOR: "1" }),
  });
  let exited = false;
  bg.child.on("close", () => {
    exited = true;
  });
  return {
    process: bg,
    mark: () => bg.output().length,
    next: (pattern, from, timeoutMs = 300_000) =>
      waitFor(
        `${String(pattern)} in trestle dev's output`,
        () => {
          const found = bg.output().slice(from).match(pattern);
          if (found) return Promise.resolve(found);
          if (exited) throw new Error(`trestle dev exited:\n${bg.output()}`);
          return Promise.resolve(undefined);
        },
        timeoutMs,
        200,
      ).catch((error: unknown) => {
        throw new Error(
          `${error instanceof Error ? error.message : String(error)}\n--- trestle dev output:\n${bg.output()}`,
        );
      }),
    explain: (promise) =>
      promise.catch((error: unknown) => {
        throw new Error(
          `${error instanceof Error ? error.message : String(error)}\n--- trestle dev output:\n${bg.output()}`,
        );
      }),
    async interrupt(timeoutMs = 180_000) {
      bg.child.kill("SIGINT");
      await waitFor("trestle dev to exit", () => Promise.resolve(exited ? true : undefined), timeoutMs, 200);
      return bg.output();
    },
  };
}

/** Name, UID and restart count of the one ready pod of a deployment's `app` label. */
export async function podFacts(
  ns: TestNamespace,
  app: string,
): Promise<{ readonly name: string; readonly uid: string; readonly restarts: number }> {
  const json = await ns.kubectl(["get", "pods", "-l", `app=${app}`, "-o", "json"]);
  const pods = (
    JSON.parse(json) as {
      items: {
        metadata: { name: string; uid: string; deletionTimestamp?: string };
        status: { containerStatuses?: { restartCount: number; ready: boolean }[] };
      }[];
    }
  ).items.filter((p) => p.metadata.deletionTimestamp === undefined);
  const pod = pods[0];
  if (pods.length !== 1 || pod === undefined)
    throw new Error(`expected one pod of ${app}, found ${String(pods.length)}`);
  return {
    name: pod.metadata.name,
    uid: pod.metadata.uid,
    restarts: (pod.status.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0),
  };
}

/** GETs `url` until the body satisfies `ok` (sync and redeploys take a moment); resolves with the body. */
export async function served(
  url: string,
  ok: (body: string) => boolean,
  timeoutMs = 120_000,
): Promise<string> {
  let last = "";
  try {
    return await waitFor(
      `a response from ${url}`,
      async () => {
        const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        last = `${String(res.status)} ${await res.text()}`;
        return res.status === 200 && ok(last.slice(4)) ? last.slice(4) : undefined;
      },
      timeoutMs,
      250,
    );
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)} (last answer: ${last})`);
  }
}
