// Docker and registry helpers for tests: build and push images into the local registry under
// unique names, and read manifests back over the registry API.
import { randomBytes } from "node:crypto";
import { request } from "node:https";
import { readFileSync } from "node:fs";
import { run, runOk, type RunOptions } from "./exec.js";
import { toolEnv, type EnvState } from "./env.js";

/** Runs the docker CLI against the environment's engine; resolves with stdout. */
export function docker(env: EnvState, args: readonly string[], opts: RunOptions = {}): Promise<string> {
  return runOk("docker", args, { ...opts, env: toolEnv(env, opts.env ?? {}) });
}

/**
 * Runs a short-lived container to completion and resolves with its stdout and exit code. Uses
 * run -d / wait / logs / rm rather than an attached `docker run --rm`, which can hang on this
 * engine when the container exits while the client is still attaching.
 */
export async function dockerRunToCompletion(
  env: EnvState,
  args: readonly string[],
  timeoutMs = 120_000,
): Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string }> {
  const id = (await docker(env, ["run", "-d", ...args])).trim();
  try {
    const code = Number((await docker(env, ["wait", id], { timeoutMs })).trim());
    const logs = await run("docker", ["logs", id], { env: toolEnv(env) });
    return { code, stdout: logs.stdout, stderr: logs.stderr };
  } finally {
    await docker(env, ["rm", "-f", id]).catch(() => "");
  }
}

/** A fresh image reference in the plain registry: localhost:5000/trestle-test/<name>:<random>. */
export function uniqueRef(env: EnvState, name: string): string {
  return `${env.registry.address}/trestle-test/${name}:t-${randomBytes(4).toString("hex")}`;
}

/** `docker build` (with host networking, as the base images are built) and returns the ref. */
export async function dockerBuild(
  env: EnvState,
  context: string,
  ref: string,
  opts: { readonly dockerfile?: string; readonly buildArgs?: Readonly<Record<string, string>> } = {},
): Promise<string> {
  const args = ["build", "-q", "--network", "host", "-t", ref];
  if (opts.dockerfile) args.push("-f", opts.dockerfile);
  for (const [k, v] of Object.entries(opts.buildArgs ?? {})) args.push("--build-arg", `${k}=${v}`);
  await docker(env, [...args, context], { timeoutMs: 900_000 });
  return ref;
}

/** `docker push` and returns the pushed digest (sha256:…). */
export async function dockerPush(env: EnvState, ref: string): Promise<string> {
  const out = await docker(env, ["push", ref]);
  const m = /digest: (sha256:[0-9a-f]{64})/.exec(out);
  if (!m?.[1]) throw new Error(`no digest in docker push output:\n${out}`);
  return m[1];
}

export interface RegistryResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

const manifestAccept = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");

/** GET on the plain registry (http://localhost:5000 + path). */
export async function registryGet(env: EnvState, path: string): Promise<RegistryResponse> {
  const res = await fetch(`${env.registry.url}${path}`, { headers: { accept: manifestAccept } });
  return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
}

/** GET on the TLS registry, trusting its self-signed CA; with basic auth unless `anonymous`. */
export function secureRegistryGet(env: EnvState, path: string, anonymous = false): Promise<RegistryResponse> {
  const { secureRegistry: r } = env;
  return new Promise((resolve, reject) => {
    const req = request(
      `${r.url}${path}`,
      {
        ca: readFileSync(r.caFile),
        headers: {
          accept: manifestAccept,
          ...(anonymous
            ? {}
            : { authorization: `Basic ${Buffer.from(`${r.username}:${r.password}`).toString("base64")}` }),
        },
        timeout: 10_000,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (c: string) => (body += c));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

/** Splits localhost:5000/a/b:tag into repository path a/b and tag. */
export function splitRef(ref: string): {
  readonly registry: string;
  readonly repo: string;
  readonly tag: string;
} {
  const slash = ref.indexOf("/");
  const rest = ref.slice(slash + 1);
  const colon = rest.lastIndexOf(":");
  return { registry: ref.slice(0, slash), repo: rest.slice(0, colon), tag: rest.slice(colon + 1) };
}
