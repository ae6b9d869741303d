/**
 * `manifests.kustomize`: each path (templated, relative to the config's directory, or a URL) is built with
 * `kustomize build` when kustomize is on PATH, else with `kubectl kustomize`, as Skaffold does. `buildArgs`
 * are split on spaces and passed before the path.
 */
import { readFile, stat } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { parse } from "yaml";
import type { Manifest } from "../manifest/types.js";
import { parseManifests } from "../manifest/yaml.js";
import type { Exec } from "../proc/exec.js";
import { isUrl } from "./raw-yaml.js";
import { runTool, toolExists } from "./tools.js";

/** The arguments after `kustomize build` / `kubectl kustomize`. */
export function kustomizeArgs(buildArgs: readonly string[], path: string): string[] {
  return [...buildArgs.flatMap((a) => a.split(" ")), ...(path === "" ? [] : [path])];
}

/** Builds each kustomization and parses the output, in order. */
export async function renderKustomize(
  exec: Exec,
  dir: string,
  paths: readonly string[],
  buildArgs: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  signal?: AbortSignal,
): Promise<Manifest[]> {
  const useKustomize = await toolExists(exec, "kustomize", ["version"]);
  const manifests: Manifest[] = [];
  for (const path of paths) {
    const target = isUrl(path) || isAbsolute(path) ? path : resolve(dir, path);
    const args = kustomizeArgs(buildArgs, target);
    const out = useKustomize
      ? await runTool(exec, "kustomize", ["build", ...args], `kustomize ${path}`, {
          env,
          ...(signal ? { signal } : {}),
        })
      : await runTool(exec, "kubectl", ["kustomize", ...args], `kustomize ${path}`, {
          env,
          ...(signal ? { signal } : {}),
        });
    manifests.push(...parseManifests(out, `kustomize ${path}`));
  }
  return manifests;
}

const KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

async function existsAs(path: string): Promise<"file" | "dir" | undefined> {
  try {
    return (await stat(path)).isDirectory() ? "dir" : "file";
  } catch {
    return undefined;
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function objects(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter(
        (v): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v),
      )
    : [];
}

/** The local files a kustomization reads (Skaffold's `DependenciesForKustomization`), absolute paths. */
export async function kustomizeDependencies(dir: string, seen = new Set<string>()): Promise<string[]> {
  if (seen.has(dir)) return [];
  seen.add(dir);
  let file: string | undefined;
  for (const name of KUSTOMIZATION_FILES) {
    if ((await existsAs(join(dir, name))) === "file") {
      file = join(dir, name);
      break;
    }
  }
  if (file === undefined) return [];
  let content: Record<string, unknown>;
  try {
    const parsed: unknown = parse(await readFile(file, "utf8"));
    content = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return [file];
  }
  const deps = [file];
  for (const candidate of [
    ...strings(content["bases"]),
    ...strings(content["resources"]),
    ...strings(content["components"]),
  ]) {
    const path = resolve(dir, candidate);
    const found = await existsAs(path);
    if (found === "dir") deps.push(...(await kustomizeDependencies(path, seen)));
    else if (found === "file") deps.push(path);
  }
  const local = [
    ...strings(content["patchesStrategicMerge"]),
    ...strings(content["crds"]),
    ...objects(content["patches"]).flatMap((p) => strings([p["path"]])),
    ...objects(content["patchesJson6902"]).flatMap((p) => strings([p["path"]])),
    ...[...objects(content["configMapGenerator"]), ...objects(content["secretGenerator"])].flatMap((g) => [
      ...strings(g["files"]).map((f) => f.slice(f.indexOf("=") + 1)),
      ...strings(g["envs"]),
      ...strings([g["env"]]),
    ]),
  ];
  for (const path of local) {
    const abs = resolve(dir, path);
    if ((await existsAs(abs)) !== undefined) deps.push(abs);
  }
  return deps;
}
