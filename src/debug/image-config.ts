// Building an ImageConfiguration from an OCI/Docker image config blob, as registries and engines return it.

import type { ImageConfiguration } from "./types.js";
import { toRuntime } from "./types.js";

/** The fields of an OCI image config (`config` section plus `author`) that debugging reads. */
export interface OciImageConfig {
  readonly author?: string;
  readonly config?: {
    readonly Env?: readonly string[] | null;
    readonly Entrypoint?: readonly string[] | null;
    readonly Cmd?: readonly string[] | null;
    readonly Labels?: Readonly<Record<string, string>> | null;
    readonly WorkingDir?: string;
  };
}

/** `NAME=value` entries as a record; an entry without `=` is a name with an empty value. */
export function envRecord(entries: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf("=");
    env[eq < 0 ? entry : entry.slice(0, eq)] = eq < 0 ? "" : entry.slice(eq + 1);
  }
  return env;
}

/** The configuration of a built image for the artifact `artifact` (and its declared `runtimeType`). */
export function imageConfigurationFromOci(
  artifact: string,
  runtimeType: string | undefined,
  image: OciImageConfig,
): ImageConfiguration {
  const config = image.config ?? {};
  return {
    artifact,
    runtimeType: toRuntime(runtimeType),
    ...(image.author !== undefined && image.author !== "" ? { author: image.author } : {}),
    env: envRecord(config.Env ?? []),
    entrypoint: [...(config.Entrypoint ?? [])],
    cmd: [...(config.Cmd ?? [])],
    labels: { ...config.Labels },
    ...(config.WorkingDir !== undefined && config.WorkingDir !== "" ? { workingDir: config.WorkingDir } : {}),
  };
}
