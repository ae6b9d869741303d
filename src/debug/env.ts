// Editing a container's ordered environment.

import type { EnvVar } from "./types.js";

/** Sets `name` in a copy of `env`, in place when present (keeping the order), else appended at the end. */
export function setEnvVar(env: readonly EnvVar[], name: string, value: string): EnvVar[] {
  const at = env.findIndex((entry) => entry.name === name);
  if (at < 0) return [...env, { name, value }];
  return env.map((entry, i) => (i === at ? { name, value } : entry));
}

/** Sets `name` to `addition`, or appends it to the existing (non-empty) value with `separator`. */
export function extendEnvVar(
  env: readonly EnvVar[],
  name: string,
  existing: string | undefined,
  addition: string,
  separator: string,
): EnvVar[] {
  return setEnvVar(
    env,
    name,
    existing === undefined || existing === "" ? addition : `${existing}${separator}${addition}`,
  );
}
