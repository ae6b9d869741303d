/**
 * The artifact cache: which image was built for which cache key. A small JSON file (`~/.trestle/cache`,
 * `--cache-file`):
 *
 *   {"version":1,"entries":{"<key>":{"imageName":"app","reference":"app:v1@sha256:…","digest":"sha256:…",
 *     "imageId":"sha256:…","lastUsed":"2026-01-02T03:04:05.000Z"}}}
 *
 * Saving merges with what other Trestle processes wrote meanwhile and keeps the most recently used entries.
 */
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../../util/atomic-write.js";
import type { BuiltImage } from "../types.js";

/** An image built earlier for some cache key. */
export interface CachedImage {
  readonly imageName: string;
  /** The reference it was built as (`repo:tag@sha256:…` when pushed, `repo:tag` when only loaded). */
  readonly reference: string;
  /** Registry digest, when it was pushed. */
  readonly digest?: string;
  /** Local engine image ID, when it was loaded. */
  readonly imageId?: string;
}

/** A cache lookup: a hit with what was built, or a miss. The caller checks the image still exists, then retags or re-pushes. */
export type CacheLookup = { readonly hit: true; readonly image: CachedImage } | { readonly hit: false };

interface StoredEntry extends CachedImage {
  readonly lastUsed: string;
}

/** The cache file's format version; a file with another version is ignored. */
export const ARTIFACT_CACHE_VERSION = 1;
const MAX_ENTRIES = 2000;

const isString = (v: unknown): v is string => typeof v === "string";
const isOptionalString = (v: unknown): boolean => v === undefined || typeof v === "string";

function toEntry(value: unknown): StoredEntry | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const e = value as Record<string, unknown>;
  const ok =
    isString(e["imageName"]) &&
    isString(e["reference"]) &&
    isString(e["lastUsed"]) &&
    isOptionalString(e["digest"]) &&
    isOptionalString(e["imageId"]);
  return ok ? (e as unknown as StoredEntry) : undefined;
}

/** Parses the cache file; throws with the reason when it is not one. */
function decode(text: string): Map<string, StoredEntry> {
  const parsed = JSON.parse(text) as unknown;
  if (typeof parsed !== "object" || parsed === null) throw new Error("not a JSON object");
  const { version, entries } = parsed as { version?: unknown; entries?: unknown };
  if (version !== ARTIFACT_CACHE_VERSION) throw new Error(`unsupported version ${String(version)}`);
  if (typeof entries !== "object" || entries === null) throw new Error("no entries");
  const out = new Map<string, StoredEntry>();
  for (const [key, value] of Object.entries(entries)) {
    const entry = toEntry(value);
    if (entry !== undefined) out.set(key, entry);
  }
  return out;
}

async function readEntries(file: string): Promise<Map<string, StoredEntry>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Map();
    throw error;
  }
  return decode(text);
}

/** Options of the cache file: where warnings go (a broken file is ignored, not fatal) and the clock. */
export interface ArtifactCacheOptions {
  readonly warn?: (message: string) => void;
  readonly now?: () => Date;
}

/** The artifact cache file, loaded once per run, looked up and recorded in memory, saved at the end. */
export class ArtifactCache {
  private readonly changed = new Set<string>();
  private readonly forgotten = new Set<string>();

  private constructor(
    private readonly file: string,
    private readonly entries: Map<string, StoredEntry>,
    private readonly options: ArtifactCacheOptions,
  ) {}

  /** Loads `file`; a missing file is an empty cache, an unreadable or corrupt one is ignored with a warning. */
  static async open(file: string, options: ArtifactCacheOptions = {}): Promise<ArtifactCache> {
    const entries = await readEntries(file).catch((error: unknown) => {
      options.warn?.(`Ignoring the artifact cache ${file}: ${(error as Error).message}`);
      return new Map<string, StoredEntry>();
    });
    return new ArtifactCache(file, entries, options);
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  lookup(key: string): CacheLookup {
    const entry = this.entries.get(key);
    if (entry === undefined) return { hit: false };
    this.entries.set(key, { ...entry, lastUsed: this.now() });
    this.changed.add(key);
    const image: CachedImage = {
      imageName: entry.imageName,
      reference: entry.reference,
      ...(entry.digest === undefined ? {} : { digest: entry.digest }),
      ...(entry.imageId === undefined ? {} : { imageId: entry.imageId }),
    };
    return { hit: true, image };
  }

  /** Remembers what was built for `key`. */
  record(key: string, imageName: string, built: BuiltImage): void {
    const entry: StoredEntry = {
      imageName,
      reference: built.reference,
      ...(built.digest === undefined ? {} : { digest: built.digest }),
      ...(built.imageId === undefined ? {} : { imageId: built.imageId }),
      lastUsed: this.now(),
    };
    this.entries.set(key, entry);
    this.changed.add(key);
    this.forgotten.delete(key);
  }

  /** Drops `key`, e.g. when its image no longer exists anywhere. */
  forget(key: string): void {
    this.entries.delete(key);
    this.changed.delete(key);
    this.forgotten.add(key);
  }

  /** Writes the changes (atomically), merged into the file as it is now; a failure is only a warning. */
  async save(): Promise<void> {
    if (this.changed.size === 0 && this.forgotten.size === 0) return;
    try {
      const merged = await readEntries(this.file).catch(() => new Map<string, StoredEntry>());
      for (const key of this.forgotten) merged.delete(key);
      for (const key of this.changed) {
        const entry = this.entries.get(key);
        if (entry !== undefined) merged.set(key, entry);
      }
      const kept = [...merged]
        .sort(([, a], [, b]) => b.lastUsed.localeCompare(a.lastUsed))
        .slice(0, MAX_ENTRIES);
      const text = JSON.stringify(
        { version: ARTIFACT_CACHE_VERSION, entries: Object.fromEntries(kept) },
        null,
        2,
      );
      await writeFileAtomic(this.file, `${text}\n`);
      this.changed.clear();
      this.forgotten.clear();
    } catch (error) {
      this.options.warn?.(`Could not save the artifact cache ${this.file}: ${(error as Error).message}`);
    }
  }
}
