/**
 * `manifests.remoteManifests`: objects read from a cluster with `kubectl get <resource> -o yaml`
 * (`namespace:kind/name` selects a namespace), optionally from another kube context.
 */
import type { RemoteManifest } from "../config/schema/index.js";
import type { Manifest } from "../manifest/types.js";
import { parseManifests } from "../manifest/yaml.js";
import type { Exec } from "../proc/exec.js";
import { runTool } from "./tools.js";

/** The kubectl arguments for one remote manifest. */
export function remoteManifestArgs(remote: RemoteManifest, kubeContext: string | undefined): string[] {
  const text = remote.manifest ?? "";
  const colon = text.indexOf(":");
  const namespace = colon === -1 ? "" : text.slice(0, colon);
  const name = colon === -1 ? text : text.slice(colon + 1);
  const context = remote.kubeContext ?? kubeContext;
  return [
    ...(context ? ["--context", context] : []),
    ...(namespace ? ["--namespace", namespace] : []),
    "get",
    name,
    "-o",
    "yaml",
  ];
}

/** Reads each remote manifest from its cluster, in order. */
export async function readRemoteManifests(
  exec: Exec,
  remotes: readonly RemoteManifest[],
  kubeContext: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  signal?: AbortSignal,
): Promise<Manifest[]> {
  const out: Manifest[] = [];
  for (const remote of remotes) {
    const text = await runTool(
      exec,
      "kubectl",
      remoteManifestArgs(remote, kubeContext),
      `remote manifest ${remote.manifest ?? ""}`,
      {
        env,
        ...(signal ? { signal } : {}),
      },
    );
    out.push(...parseManifests(text, `remote manifest ${remote.manifest ?? ""}`));
  }
  return out;
}
