/**
 * `manifests.rawYaml`: files, directories and Go-style globs (relative to the config's directory, templated
 * over the environment) and http(s) URLs, read in the order listed; each file once. As in Skaffold, a file a
 * glob or directory finds is read only when it ends in .yaml, .yml or .json; a file named directly always is.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { globRelative } from "../build/dockerfile/glob.js";
import { hasGlobMeta } from "../build/dockerfile/go-match.js";
import { externalError, userError } from "../errors/errors.js";
import { parseManifests } from "../manifest/yaml.js";
import type { Manifest } from "../manifest/types.js";

const KUBE_SUFFIXES = [".yaml", ".yml", ".json"];

/** True for http:// and https:// addresses. */
export function isUrl(path: string): boolean {
  return /^https?:\/\//i.test(path);
}

async function kind(path: string): Promise<"file" | "dir" | undefined> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? "dir" : "file";
  } catch {
    return undefined;
  }
}

async function walkFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walkFiles(path)));
    else if (KUBE_SUFFIXES.some((s) => entry.name.endsWith(s))) out.push(path);
  }
  return out;
}

/** One local pattern's files (absolute paths, in order), and whether the pattern matched anything. */
async function expand(dir: string, pattern: string): Promise<string[]> {
  const path = isAbsolute(pattern) ? pattern : resolve(dir, pattern);
  const found = await kind(path);
  if (found === "file") return [path];
  if (found === "dir") return walkFiles(path);
  if (!hasGlobMeta(pattern)) return [];
  const root = isAbsolute(pattern) ? "/" : dir;
  const rel = isAbsolute(pattern) ? pattern.slice(1) : relative(dir, path).split(sep).join("/");
  const out: string[] = [];
  for (const match of await globRelative(root, rel)) {
    const abs = resolve(root, match);
    if ((await kind(abs)) === "dir") out.push(...(await walkFiles(abs)));
    else if (KUBE_SUFFIXES.some((s) => abs.endsWith(s))) out.push(abs);
  }
  return out;
}

/** The local files of the patterns (URLs skipped), each once, in order; `warn` hears of empty patterns. */
export async function rawYamlFiles(
  dir: string,
  patterns: readonly string[],
  warn: (message: string) => void,
): Promise<string[]> {
  const seen = new Set<string>();
  for (const pattern of patterns) {
    if (isUrl(pattern)) continue;
    const files = await expand(dir, pattern);
    if (files.length === 0) warn(`manifests.rawYaml: ${pattern} did not match any file`);
    for (const file of files) seen.add(file);
  }
  return [...seen];
}

/** Downloads a manifest from an http(s) URL. */
export async function fetchManifestText(url: string, signal?: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, signal ? { signal } : {});
  } catch (error) {
    throw externalError(
      "MANIFEST_DOWNLOAD_FAILED",
      `cannot download manifest ${url}: ${error instanceof Error ? error.message : String(error)}`,
      "Check the address and your network connection.",
      error,
    );
  }
  if (!response.ok) {
    throw externalError(
      "MANIFEST_DOWNLOAD_FAILED",
      `cannot download manifest ${url}: HTTP ${String(response.status)} ${response.statusText}`,
      "Check the address in manifests.rawYaml.",
    );
  }
  return response.text();
}

/** Reads every rawYaml source in the order listed: files (expanded) and URLs. */
export async function readRawYaml(
  dir: string,
  patterns: readonly string[],
  warn: (message: string) => void,
  signal?: AbortSignal,
): Promise<Manifest[]> {
  const manifests: Manifest[] = [];
  const seen = new Set<string>();
  for (const pattern of patterns) {
    if (isUrl(pattern)) {
      manifests.push(...parseManifests(await fetchManifestText(pattern, signal), pattern));
      continue;
    }
    for (const file of await rawYamlFiles(dir, [pattern], warn)) {
      if (seen.has(file)) continue;
      seen.add(file);
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        throw userError("MANIFEST_UNREADABLE", `cannot read manifest ${file}: ${(error as Error).message}`);
      }
      manifests.push(...parseManifests(text, relative(dir, file) || file));
    }
  }
  return manifests;
}
