/**
 * `manifests.hooks`: host commands run before and after rendering a module. An `after` hook with
 * `withChange: true` receives the rendered manifests on stdin and its stdout replaces them.
 */
import { resolve } from "node:path";
import type { RenderHooks } from "../config/schema/index.js";
import { userError } from "../errors/errors.js";
import type { Manifest } from "../manifest/types.js";
import { formatManifests, parseManifests } from "../manifest/yaml.js";
import type { Exec } from "../proc/exec.js";

type Env = Readonly<Record<string, string | undefined>>;

interface HostHook {
  readonly command: readonly string[];
  readonly os?: readonly string[] | undefined;
  readonly dir?: string | undefined;
  readonly withChange?: boolean | undefined;
}

function goOs(): string {
  return process.platform === "win32" ? "windows" : process.platform;
}

async function runHook(
  exec: Exec,
  hook: HostHook,
  dir: string,
  env: Env,
  input: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  if (hook.os !== undefined && hook.os.length > 0 && !hook.os.includes(goOs())) return undefined;
  const [command, ...args] = hook.command;
  if (command === undefined) return undefined;
  const result = await exec.run(command, args, {
    cwd: hook.dir === undefined ? dir : resolve(dir, hook.dir),
    env,
    input,
    ...(signal ? { signal } : {}),
  });
  if (result.code !== 0) {
    throw userError(
      "RENDER_HOOK_FAILED",
      `render hook ${hook.command.join(" ")} exited with ${String(result.code)}: ${result.stderr.trim()}`,
      "Fix the hook command in manifests.hooks.",
    );
  }
  return result.stdout;
}

/** Runs the `before` hooks; their output is ignored. */
export async function runPreRenderHooks(
  exec: Exec,
  hooks: RenderHooks | undefined,
  dir: string,
  env: Env,
  signal?: AbortSignal,
): Promise<void> {
  for (const item of hooks?.before ?? []) {
    if (item.host) await runHook(exec, item.host, dir, env, "", signal);
  }
}

/** Runs the `after` hooks in order; `withChange` hooks rewrite the manifests. */
export async function runPostRenderHooks(
  exec: Exec,
  hooks: RenderHooks | undefined,
  dir: string,
  env: Env,
  manifests: readonly Manifest[],
  signal?: AbortSignal,
): Promise<readonly Manifest[]> {
  let current = manifests;
  for (const item of hooks?.after ?? []) {
    const hook = item.host;
    if (!hook) continue;
    const out = await runHook(
      exec,
      hook,
      dir,
      env,
      hook.withChange === true ? formatManifests(current) : "",
      signal,
    );
    if (hook.withChange === true && out !== undefined) {
      current = parseManifests(out, `output of render hook ${hook.command.join(" ")}`);
    }
  }
  return current;
}
