// The local test environment brought up by `scripts/env up`: where its registries, Docker engine
// and cluster are, read from the JSON state file the script writes.
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";

export const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** `full`: pods run; `apiserver-only`: a real API server but no node; `none`: no cluster. */
export type ClusterMode = "full" | "apiserver-only" | "none" | "down";

export interface EnvState {
  readonly schema: 1;
  readonly home: string;
  readonly repo: string;
  readonly binDir: string;
  readonly updatedAt: string;
  readonly docker: { readonly host: string; readonly version: string };
  readonly containerd: { readonly address: string };
  /** Plain HTTP, no auth, loopback only (localhost:5000). */
  readonly registry: { readonly address: string; readonly url: string; readonly version: string };
  /** TLS with a self-signed certificate (caFile) and basic auth. */
  readonly secureRegistry: {
    readonly address: string;
    readonly url: string;
    readonly username: string;
    readonly password: string;
    readonly caFile: string;
  };
  readonly cluster: {
    readonly mode: ClusterMode;
    readonly reason: string | null;
    readonly kubeconfig: string;
    readonly context: string;
    readonly server: string;
    readonly kubernetesVersion: string;
    readonly etcdVersion: string;
    readonly nodeName: string;
    readonly nodeIP: string;
    readonly podCIDR: string;
    readonly serviceCIDR: string;
  };
  /** Base images by name (pause, static, busybox, debian, node, python, java, golang). */
  readonly images: Readonly<Record<string, string>>;
  readonly tools: {
    readonly kubectl: string;
    readonly helm: string;
    readonly helmVersion: string;
    readonly kpt: string | null;
    readonly kptReason?: string;
  };
}

export function envHome(): string {
  return process.env.TRESTLE_ENV_HOME ?? join(homedir(), ".cache", "trestle-env");
}

export function stateFile(): string {
  return process.env.TRESTLE_ENV_FILE ?? join(envHome(), "env.json");
}

/** Reads the state file, or returns undefined when the environment was never brought up. */
export function readEnv(): EnvState | undefined {
  const file = stateFile();
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as EnvState;
}

function probe(cmd: string, args: readonly string[]): boolean {
  return spawnSync(cmd, args, { stdio: "ignore", timeout: 10_000 }).status === 0;
}

function healthy(env: EnvState, needCluster: boolean): boolean {
  if (!probe("curl", ["-fsS", "-o", "/dev/null", "--max-time", "3", `${env.registry.url}/v2/`])) return false;
  if (!probe("docker", ["-H", env.docker.host, "version"])) return false;
  if (!needCluster) return true;
  if (env.cluster.mode !== "full" && env.cluster.mode !== "apiserver-only") return false;
  return probe(env.tools.kubectl, ["--kubeconfig", env.cluster.kubeconfig, "get", "--raw", "/readyz"]);
}

let cached: EnvState | undefined;

/**
 * Returns the environment, bringing it up with `scripts/env up` first when it is not answering.
 * Every test file calls this; the check costs well under a second when everything is up.
 */
export function ensureEnv(opts: { readonly cluster?: boolean } = {}): EnvState {
  const needCluster = opts.cluster ?? true;
  if (
    cached &&
    (!needCluster || cached.cluster.mode === "full" || cached.cluster.mode === "apiserver-only")
  ) {
    return cached;
  }
  let env = readEnv();
  if (!env || !healthy(env, needCluster)) {
    const args = needCluster ? ["up"] : ["up", "--no-cluster"];
    // Progress goes to stderr so that the test runner's report stays readable.
    const r = spawnSync(join(repoRoot, "scripts", "env"), args, { stdio: ["ignore", 2, 2] });
    if (r.status !== 0) throw new Error(`scripts/env ${args.join(" ")} failed (exit ${r.status ?? "?"})`);
    env = readEnv();
    if (!env) throw new Error(`scripts/env up wrote no ${stateFile()}`);
  }
  cached = env;
  return env;
}

/** Environment variables that point docker, kubectl and helm at the test environment. */
export function toolEnv(env: EnvState, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${env.binDir}:${process.env.PATH ?? ""}`,
    KUBECONFIG: env.cluster.kubeconfig,
    DOCKER_HOST: env.docker.host,
    ...extra,
  };
}

/** True when pods can really run (logs, exec and port-forward work). */
export function podsRun(env: EnvState): boolean {
  return env.cluster.mode === "full";
}
