/** Helpers for tests and benchmarks of the file-hash store. */
import { createHash } from "node:crypto";
import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FileHashStoreOptions } from "./file-hashes.js";

/** Store options whose hash factory counts the files whose content is read. */
export function countingHashes(extra: FileHashStoreOptions = {}): {
  readonly reads: () => number;
  readonly options: FileHashStoreOptions;
} {
  let reads = 0;
  const options: FileHashStoreOptions = {
    ...extra,
    createHash: () => {
      reads++;
      return createHash("sha256");
    },
  };
  return { reads: () => reads, options };
}

/**
 * Writes `dirs` × `filesPerDir` small source files under `root/src` (100 directories per package), last
 * modified an hour ago as in a real checkout, and returns their paths.
 */
export function generateWorkspace(root: string, dirs: number, filesPerDir: number): string[] {
  const hourAgo = Date.now() / 1000 - 3600;
  const files: string[] = [];
  for (let d = 0; d < dirs; d++) {
    const dir = join(root, "src", `pkg${Math.floor(d / 100)}`, `mod${d}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < filesPerDir; f++) {
      const file = join(dir, `file${f}.ts`);
      writeFileSync(file, `export const value${f} = ${d * filesPerDir + f}; // ${"x".repeat(f * 10)}\n`);
      utimesSync(file, hourAgo, hourAgo);
      files.push(file);
    }
  }
  return files;
}
