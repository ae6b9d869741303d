// Cluster helpers for tests: a namespace of its own per test (deleted afterwards), kubectl bound to
// the test environment's kubeconfig, port-forwards, and a dump of the namespace's events and pod logs
// when a test fails.
import { randomBytes } from "node:crypto";
import { test, type TestContext } from "node:test";
import { background, run, runOk, waitFor, type RunResult } from "./exec.js";
import { ensureEnv, podsRun, toolEnv, type EnvState } from "./env.js";

export interface Kubectl {
  /** Runs kubectl and resolves with stdout; rejects on a non-zero exit. */
  (args: readonly string[], input?: string): Promise<string>;
  /** Runs kubectl and resolves with the whole result, whatever the exit code. */
  raw(args: readonly string[], input?: string): Promise<RunResult>;
}

export function kubectl(env: EnvState, namespace?: string): Kubectl {
  const base = ["--kubeconfig", env.cluster.kubeconfig, ...(namespace ? ["-n", namespace] : [])];
  const opts = (input?: string) => ({ env: toolEnv(env), ...(input === undefined ? {} : { input }) });
  const fn = (args: readonly string[], input?: string) =>
    runOk(env.tools.kubectl, [...base, ...args], opts(input));
  fn.raw = (args: readonly string[], input?: string) =>
    run(env.tools.kubectl, [...base, ...args], opts(input));
  return fn;
}

export interface TestNamespace {
  readonly name: string;
  readonly env: EnvState;
  /** kubectl with `-n <this namespace>`. */
  readonly kubectl: Kubectl;
  /** `kubectl apply -f -` of the given YAML into this namespace. */
  apply(yaml: string): Promise<void>;
  /** Waits for `kubectl rollout status` of a deployment. */
  rolloutStatus(deployment: string, timeoutSeconds?: number): Promise<void>;
  /** Forwards a free local port to a pod/service port; stop it with `close()`. */
  portForward(resource: string, remotePort: number): Promise<PortForward>;
}

export interface PortForward {
  readonly localPort: number;
  readonly url: string;
  close(): Promise<void>;
}

/** A DNS-1123 namespace name: trestle-test-<slug>-<random>. */
export function namespaceName(label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 30)
    .replace(/-+$/, "");
  return `trestle-test-${slug || "ns"}-${randomBytes(3).toString("hex")}`;
}

/** Everything useful for a post-mortem: resources, events (oldest first), and each pod's logs. */
export async function dumpNamespace(env: EnvState, namespace: string): Promise<string> {
  const k = kubectl(env, namespace);
  const section = async (title: string, args: readonly string[]): Promise<string> => {
    const r = await k.raw(args);
    return `--- ${title}\n${(r.stdout + r.stderr).trimEnd()}\n`;
  };
  const parts: string[] = [`===== diagnostics for namespace ${namespace} =====`];
  parts.push(await section("resources", ["get", "all", "-o", "wide"]));
  parts.push(await section("events", ["get", "events", "--sort-by=.lastTimestamp"]));
  const pods = (await k.raw(["get", "pods", "-o", "jsonpath={.items[*].metadata.name}"])).stdout
    .split(/\s+/)
    .filter(Boolean);
  for (const pod of pods) {
    parts.push(await section(`describe pod ${pod}`, ["describe", "pod", pod]));
    parts.push(await section(`logs ${pod}`, ["logs", pod, "--all-containers", "--prefix", "--tail=200"]));
    const prev = await k.raw(["logs", pod, "--all-containers", "--prefix", "--previous", "--tail=50"]);
    if (prev.code === 0 && prev.stdout.trim())
      parts.push(`--- previous logs ${pod}\n${prev.stdout.trimEnd()}\n`);
  }
  return parts.join("\n");
}

async function createNamespace(env: EnvState, name: string): Promise<TestNamespace> {
  await kubectl(env)(["create", "namespace", name]);
  await kubectl(env)(["label", "namespace", name, "trestle.dev/test=true"]);
  // Pods need the namespace's service account before they can be created.
  await waitFor(`service account default in ${name}`, async () => {
    const r = await kubectl(env, name).raw(["get", "serviceaccount", "default", "-o", "name"]);
    return r.code === 0 ? true : undefined;
  });
  const k = kubectl(env, name);
  return {
    name,
    env,
    kubectl: k,
    async apply(yaml) {
      await k(["apply", "-f", "-"], yaml);
    },
    async rolloutStatus(deployment, timeoutSeconds = 180) {
      await k(["rollout", "status", `deployment/${deployment}`, `--timeout=${timeoutSeconds}s`]);
    },
    async portForward(resource, remotePort) {
      const pf = background(
        env.tools.kubectl,
        [
          "--kubeconfig",
          env.cluster.kubeconfig,
          "-n",
          name,
          "port-forward",
          "--address",
          "127.0.0.1",
          resource,
          `:${remotePort}`,
        ],
        { env: toolEnv(env) },
      );
      try {
        const m = await pf.waitForOutput(/Forwarding from 127\.0\.0\.1:(\d+)/, 60_000);
        const localPort = Number(m[1]);
        return { localPort, url: `http://127.0.0.1:${localPort}`, close: () => pf.stop() };
      } catch (err) {
        await pf.stop();
        throw err;
      }
    },
  };
}

async function deleteNamespace(env: EnvState, name: string): Promise<void> {
  if (process.env.TRESTLE_TEST_KEEP_NAMESPACES) return;
  await kubectl(env).raw(["delete", "namespace", name, "--wait=false", "--ignore-not-found"]);
}

/**
 * Runs `fn` with a fresh namespace. If `fn` throws, the namespace's events and pod logs are printed
 * (to stderr, and appended to the error); the namespace is deleted either way (set
 * TRESTLE_TEST_KEEP_NAMESPACES=1 to keep it for a look).
 */
export async function withNamespace<T>(
  env: EnvState,
  label: string,
  fn: (ns: TestNamespace) => Promise<T>,
): Promise<T> {
  const name = namespaceName(label);
  const ns = await createNamespace(env, name);
  try {
    return await fn(ns);
  } catch (err) {
    const dump = await dumpNamespace(env, name).catch(
      (e: unknown) => `(could not dump ${name}: ${String(e)})`,
    );
    console.error(dump);
    if (err instanceof Error) err.message += `\n${dump}`;
    throw err;
  } finally {
    await deleteNamespace(env, name);
  }
}

export interface ClusterTestOptions {
  /** Skip (with the reason) unless pods can run; default true. API-only tests pass false. */
  readonly needsPods?: boolean;
  readonly timeout?: number;
}

/** A node:test test that gets the environment (brought up if needed) and a namespace of its own. */
export function clusterTest(
  name: string,
  fn: (ns: TestNamespace, t: TestContext) => Promise<void>,
  opts: ClusterTestOptions = {},
): void {
  void test(name, { timeout: opts.timeout ?? 600_000 }, async (t) => {
    const env = ensureEnv({ cluster: true });
    if ((opts.needsPods ?? true) && !podsRun(env)) {
      t.skip(
        `pods cannot run in this environment (cluster mode ${env.cluster.mode}: ${env.cluster.reason ?? ""})`,
      );
      return;
    }
    await withNamespace(env, name, (ns) => fn(ns, t));
  });
}

/** GETs `url` until it answers 200 (or time runs out); resolves with the body. */
export async function httpGet200(url: string, timeoutMs = 60_000): Promise<string> {
  return waitFor(
    `HTTP 200 from ${url}`,
    async () => {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${body.slice(0, 200)}`);
      return body;
    },
    timeoutMs,
  );
}
