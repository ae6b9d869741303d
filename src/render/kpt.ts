/**
 * `manifests.kpt`: each package directory is rendered with `kpt fn render <dir> -o unwrap` (so the package on
 * disk is not modified), and the Kptfile and objects marked `config.kubernetes.io/local-config: "true"` are
 * dropped, as Skaffold does. Needs the kpt binary on PATH.
 */
import type { Manifest } from "../manifest/types.js";
import { parseManifests } from "../manifest/yaml.js";
import type { Exec } from "../proc/exec.js";
import { runTool } from "./tools.js";

function isLocalConfig(manifest: Manifest): boolean {
  if (manifest["kind"] === "Kptfile") return true;
  const metadata = manifest["metadata"];
  if (typeof metadata !== "object" || metadata === null) return false;
  const annotations = (metadata as Record<string, unknown>)["annotations"];
  if (typeof annotations !== "object" || annotations === null) return false;
  return (annotations as Record<string, unknown>)["config.kubernetes.io/local-config"] === "true";
}

/** Renders each kpt package (absolute directories) and returns the deployable objects, in order. */
export async function renderKpt(
  exec: Exec,
  dirs: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  signal?: AbortSignal,
): Promise<Manifest[]> {
  const manifests: Manifest[] = [];
  for (const dir of dirs) {
    const out = await runTool(exec, "kpt", ["fn", "render", dir, "-o", "unwrap"], `kpt package ${dir}`, {
      env,
      ...(signal ? { signal } : {}),
    });
    manifests.push(...parseManifests(out, `kpt package ${dir}`).filter((m) => !isLocalConfig(m)));
  }
  return manifests;
}
