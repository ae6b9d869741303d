/**
 * The input digest of a Helm release: everything that can change what `helm upgrade` would install (the
 * chart's files, values files, `--set` values, overrides, namespace, version, the images the release
 * mentions, the labels except the run id). An unchanged digest means the release is not upgraded again —
 * Skaffold upgrades every release on every deploy, which creates a revision each time and restarts pods.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { BuildOutputEntry } from "../../build/types.js";
import type { ResolvedRelease } from "./release.js";

/** The prefix of the revision description that carries the digest. */
export const DESCRIPTION_PREFIX = "trestle-input-digest:";

/** Chart files (sorted, relative, `/`-separated) without the `charts/*.tgz` that `helm dep build` regenerates. */
export async function chartFiles(chartDir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // a packaged chart (a file) or a missing directory: handled by the caller
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== ".git") await walk(path);
      } else if (entry.isFile()) {
        const rel = relative(chartDir, path).split(sep).join("/");
        if (!/^charts\/[^/]+\.tgz$/.test(rel)) out.push(rel);
      }
    }
  };
  await walk(chartDir);
  return out.sort();
}

async function readOrEmpty(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return "";
  }
}

/** The parts of the digest, as plain data (tests compare them). */
export interface DigestInput {
  readonly release: ResolvedRelease;
  /** Chart file contents by relative path (empty for remote charts). */
  readonly chart: Readonly<Record<string, string>>;
  readonly valuesFiles: readonly string[];
  readonly setFiles: readonly string[];
  readonly builds: readonly BuildOutputEntry[];
  /** Labels without the run id. */
  readonly labels: Readonly<Record<string, string>>;
}

/** The builds a release can use: those whose image name appears in its chart, values or `--set` values. */
export function referencedBuilds(
  input: Omit<DigestInput, "builds">,
  builds: readonly BuildOutputEntry[],
): BuildOutputEntry[] {
  const text = [
    ...Object.values(input.chart),
    ...input.valuesFiles,
    ...input.setFiles,
    ...input.release.valueArgs,
    JSON.stringify(input.release.overrides ?? {}),
  ].join("\n");
  return builds.filter((b) => text.includes(b.imageName) || text.includes(b.tag));
}

/** SHA-256 over the digest input, canonically ordered. */
export function digestOf(input: DigestInput): string {
  const { release } = input;
  const canonical = JSON.stringify({
    name: release.name,
    chart: release.remote
      ? { remote: release.chart, repo: release.repo, version: release.version }
      : input.chart,
    namespace: release.namespace ?? null,
    version: release.version ?? null,
    createNamespace: release.createNamespace,
    values: input.valuesFiles,
    args: release.valueArgs,
    setFiles: input.setFiles,
    overrides: release.overrides ?? null,
    images: [...input.builds].map((b) => [b.imageName, b.tag]).sort(),
    labels: Object.entries(input.labels).sort(),
  });
  return createHash("sha256").update(canonical).digest("hex");
}

/** Reads the release's inputs and returns its digest. */
export async function releaseDigest(
  release: ResolvedRelease,
  builds: readonly BuildOutputEntry[],
  labels: Readonly<Record<string, string>>,
): Promise<string> {
  const chart: Record<string, string> = {};
  if (!release.remote) {
    const files = await chartFiles(release.chart);
    if (files.length === 0)
      chart[""] = createHash("sha256")
        .update(await readFile(release.chart))
        .digest("hex");
    for (const file of files) chart[file] = await readFile(join(release.chart, file), "utf8");
  }
  const valuesFiles = await Promise.all(release.valuesFiles.map(readOrEmpty));
  const setFiles = await Promise.all(release.setFiles.map(readOrEmpty));
  const partial = { release, chart, valuesFiles, setFiles, labels };
  return digestOf({ ...partial, builds: referencedBuilds(partial, builds) });
}
