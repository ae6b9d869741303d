/**
 * Content digests of source files, remembered across runs while a file's size, mtime and inode are unchanged
 * (Skaffold re-reads every file on every cache check; that is its "Checking cache..." taking minutes).
 *
 * Measured choices: synchronous `lstat`/`read` in chunks that yield to the event loop are several times faster
 * than libuv's thread pool for many small files (100,000 `lstat`s: ~0.4 s sync vs ~2 s async at any
 * concurrency on a 2-core machine), so only large files are hashed with async streams, a few at a time.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  createReadStream,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
} from "node:fs";
import type { Stats } from "node:fs";
import { readFile } from "node:fs/promises";
import { externalError } from "../../errors/errors.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { mapLimit } from "../scheduler-concurrency.js";
import { decodeFileHashes, encodeFileHashes } from "./file-hash-format.js";
import type { StatEntry } from "./file-hash-format.js";

/** What a file is, as far as an image build cares. */
export type FileKind = "file" | "symlink" | "directory" | "other";

/** One file's identity for digests: its kind, permission bits and content. */
export interface FileDigest {
  readonly kind: FileKind;
  /** Permission bits (`mode & 0o7777`). */
  readonly mode: number;
  /** base64url SHA-256 of a file's content, a symlink's target text, or "" for directories and others. */
  readonly digest: string;
}

/** Gives digests of files by absolute path: one entry per distinct requested path that exists. */
export interface FileDigestSource {
  digests(paths: readonly string[]): Promise<ReadonlyMap<string, FileDigest>>;
}

/** An incremental hash (node:crypto's `Hash` fits). */
export interface ContentHash {
  update(data: Uint8Array): unknown;
  digest(encoding: "base64url"): string;
}

/** Test seams and tuning of the file-hash store. */
export interface FileHashStoreOptions {
  /** Creates the content hash (SHA-256); a test seam to count the files actually read. */
  readonly createHash?: () => ContentHash;
  /**
   * A digest is remembered only when the file's mtime lies at least this long (ms) before the moment it was
   * read, so a write within the filesystem's timestamp granularity cannot go unnoticed (git's "racy clean").
   */
  readonly racyWindowMs?: number;
  readonly now?: () => number;
  readonly warn?: (message: string) => void;
}

const DEFAULT_RACY_WINDOW_MS = 2000;
/** Files above this size are streamed asynchronously instead of read in one go. */
const LARGE_FILE = 8 * 1024 * 1024;
const LARGE_FILE_CONCURRENCY = 4;
/** Longest stretch (ms) of synchronous file work before yielding to the event loop. */
const SLICE_MS = 15;
/** Beyond this many entries, those not used by the current run are dropped on save. */
const MAX_ENTRIES = 1_000_000;

const NO_THROW = { throwIfNoEntry: false } as const;
const sha256 = (): ContentHash => createHash("sha256");
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function kindOf(st: Stats): FileKind {
  if (st.isFile()) return "file";
  if (st.isSymbolicLink()) return "symlink";
  return st.isDirectory() ? "directory" : "other";
}

/** The stat fields that vouch for an unchanged file (ctime too: it moves on any write, even a backdated one). */
function unchanged(known: StatEntry, stat: Stats): boolean {
  return (
    known.size === stat.size &&
    known.mtimeMs === stat.mtimeMs &&
    known.ctimeMs === stat.ctimeMs &&
    known.ino === stat.ino
  );
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

function hashFailed(path: string, error: unknown): Error {
  return externalError(
    "CACHE_HASH",
    `getting hash for "${path}": ${(error as Error).message}`,
    undefined,
    error,
  );
}

/** A file whose content must be (re)hashed, with the stat it had when listed. */
interface Pending {
  readonly path: string;
  readonly stat: Stats;
}

/**
 * The persistent file-hash store: load it once per run with `open`, ask for digests as often as needed
 * (entries are reused in memory too), and `save` at the end (atomic, only when something changed).
 */
export class FileHashStore implements FileDigestSource {
  private readonly touched = new Set<string>();
  private dirty = false;
  private readCount = 0;

  private constructor(
    private readonly file: string | undefined,
    private readonly root: string,
    private readonly entries: Map<string, StatEntry>,
    private readonly options: FileHashStoreOptions,
  ) {}

  /** Loads the store kept in `file` for the project at `root` (absolute); without `file` it lives in memory. */
  static async open(
    file: string | undefined,
    root: string,
    options: FileHashStoreOptions = {},
  ): Promise<FileHashStore> {
    let entries = new Map<string, StatEntry>();
    if (file !== undefined) {
      const text = await readFile(file, "utf8").catch((error: unknown) => {
        if (!isMissing(error))
          options.warn?.(`Ignoring the file-hash cache ${file}: ${(error as Error).message}`);
        return undefined;
      });
      const decoded = text === undefined ? entries : decodeFileHashes(text, root);
      if (typeof decoded === "string") options.warn?.(`Ignoring the file-hash cache ${file}: ${decoded}`);
      else entries = decoded;
    }
    return new FileHashStore(file, root, entries, options);
  }

  /** Entries currently held (for logs and tests). */
  get size(): number {
    return this.entries.size;
  }

  /** Files whose content this store has read so far (for logs and tests). */
  get hashed(): number {
    return this.readCount;
  }

  async digests(paths: readonly string[]): Promise<ReadonlyMap<string, FileDigest>> {
    const out = new Map<string, FileDigest>();
    const large = new Map<string, Pending>();
    let sliceStart = Date.now();
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i] as string;
      const pending = out.has(path) || large.has(path) ? undefined : this.lookup(path, out);
      if (pending !== undefined && pending.stat.size > LARGE_FILE) large.set(path, pending);
      else if (pending !== undefined) this.hashSmall(pending, out);
      if ((i & 255) === 255 && Date.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = Date.now();
      }
    }
    await mapLimit([...large.values()], LARGE_FILE_CONCURRENCY, (pending) => this.hashLarge(pending, out));
    return out;
  }

  /** Writes the store if it changed, atomically; a failure is only a warning (the next run re-hashes). */
  async save(): Promise<void> {
    if (this.file === undefined || !this.dirty) return;
    let rows: Iterable<readonly [string, StatEntry]> = this.entries;
    if (this.entries.size > MAX_ENTRIES) rows = [...this.entries].filter(([key]) => this.touched.has(key));
    try {
      await writeFileAtomic(this.file, encodeFileHashes(this.root, rows));
      this.dirty = false;
    } catch (error) {
      this.options.warn?.(`Could not save the file-hash cache ${this.file}: ${(error as Error).message}`);
    }
  }

  /** Stats `path`; answers from the store when it can, else returns what must be hashed. */
  private lookup(path: string, out: Map<string, FileDigest>): Pending | undefined {
    let stat: Stats | undefined;
    try {
      stat = lstatSync(path, NO_THROW);
    } catch (error) {
      if (!isMissing(error)) throw hashFailed(path, error);
    }
    if (stat === undefined) {
      if (this.entries.delete(path)) this.dirty = true;
      return undefined;
    }
    const kind = kindOf(stat);
    const mode = stat.mode & 0o7777;
    if (kind === "symlink") out.set(path, { kind, mode, digest: this.readLink(path) });
    if (kind !== "file") {
      if (kind !== "symlink") out.set(path, { kind, mode, digest: "" });
      return undefined;
    }
    this.touched.add(path);
    const known = this.entries.get(path);
    if (known !== undefined && unchanged(known, stat)) {
      out.set(path, { kind, mode, digest: known.digest });
      return undefined;
    }
    return { path, stat };
  }

  private readLink(path: string): string {
    try {
      return readlinkSync(path);
    } catch (error) {
      throw hashFailed(path, error);
    }
  }

  private hashSmall(pending: Pending, out: Map<string, FileDigest>): void {
    const readAt = (this.options.now ?? Date.now)();
    let fd: number | undefined;
    try {
      fd = openSync(pending.path, "r");
      const stat = fstatSync(fd);
      const hash = (this.options.createHash ?? sha256)();
      hash.update(readFileSync(fd));
      this.record(pending, stat, hash.digest("base64url"), readAt, out);
    } catch (error) {
      if (!isMissing(error)) throw hashFailed(pending.path, error);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  private async hashLarge(pending: Pending, out: Map<string, FileDigest>): Promise<void> {
    const readAt = (this.options.now ?? Date.now)();
    const hash = (this.options.createHash ?? sha256)();
    try {
      for await (const chunk of createReadStream(pending.path)) hash.update(chunk as Buffer);
    } catch (error) {
      if (isMissing(error)) return;
      throw hashFailed(pending.path, error);
    }
    this.record(pending, pending.stat, hash.digest("base64url"), readAt, out);
  }

  private record(
    pending: Pending,
    stat: Stats,
    digest: string,
    readAt: number,
    out: Map<string, FileDigest>,
  ): void {
    this.readCount++;
    out.set(pending.path, { kind: "file", mode: stat.mode & 0o7777, digest });
    const window = this.options.racyWindowMs ?? DEFAULT_RACY_WINDOW_MS;
    if (stat.mtimeMs + window > readAt) {
      // Too recent to trust a later equal stat: forget the old entry, hash again next time.
      if (this.entries.delete(pending.path)) this.dirty = true;
      return;
    }
    this.entries.set(pending.path, {
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      ctimeMs: stat.ctimeMs,
      ino: stat.ino,
      digest,
    });
    this.dirty = true;
  }
}
