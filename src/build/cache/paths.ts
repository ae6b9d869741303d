import { createHash } from "node:crypto";
import { homedir } from "node:os";
import { join } from "node:path";

/** Trestle's per-user directory (`~/.trestle`). */
export const trestleHome = (home: string = homedir()): string => join(home, ".trestle");

/** The artifact cache file: `--cache-file` when given, else `~/.trestle/cache` (Skaffold: `~/.skaffold/cache`). */
export function artifactCacheFile(cacheFileFlag?: string, home?: string): string {
  return cacheFileFlag !== undefined && cacheFileFlag !== ""
    ? cacheFileFlag
    : join(trestleHome(home), "cache");
}

/** The file-hash store of a project: `~/.trestle/file-hashes/<digest of the project root>.json`. */
export function fileHashStoreFile(projectRoot: string, home?: string): string {
  const id = createHash("sha256").update(projectRoot).digest("hex").slice(0, 16);
  return join(trestleHome(home), "file-hashes", `${id}.json`);
}
