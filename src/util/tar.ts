import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";

/** One entry of a tar stream. Paths use `/` and are relative (no leading `/`), e.g. `ko-app/hello`. */
export type TarEntry =
  | {
      readonly type: "file";
      readonly path: string;
      readonly mode: number;
      readonly size: number;
      readonly source: TarSource;
      readonly meta?: TarMeta;
    }
  | { readonly type: "dir"; readonly path: string; readonly mode: number; readonly meta?: TarMeta }
  | { readonly type: "symlink"; readonly path: string; readonly target: string; readonly meta?: TarMeta };

/** Where a file's bytes come from: memory, or a file on disk (streamed, never read whole). */
export type TarSource = { readonly bytes: Uint8Array } | { readonly file: string };

/** Ownership and time of an entry; deterministic layers use the defaults (root, epoch 0). */
export interface TarMeta {
  readonly uid?: number;
  readonly gid?: number;
  readonly uname?: string;
  readonly gname?: string;
  /** Seconds since the epoch. */
  readonly mtime?: number;
}

const BLOCK = 512;
const encoder = new TextEncoder();

function writeString(header: Uint8Array, offset: number, length: number, value: string): void {
  header.set(encoder.encode(value).subarray(0, length), offset);
}

function writeOctal(header: Uint8Array, offset: number, length: number, value: number): void {
  writeString(header, offset, length - 1, value.toString(8).padStart(length - 1, "0"));
}

/** A PAX extended-header record: "<len> <key>=<value>\n", where <len> counts the whole record in bytes. */
function paxRecord(key: string, value: string): string {
  const rest = encoder.encode(` ${key}=${value}\n`).length;
  let length = rest + 1;
  while (String(length).length + rest !== length) length = String(length).length + rest;
  return `${String(length)} ${key}=${value}\n`;
}

function header(
  name: string,
  typeflag: string,
  size: number,
  mode: number,
  linkname: string,
  meta: TarMeta | undefined,
): Uint8Array {
  const block = new Uint8Array(BLOCK);
  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, mode & 0o7777);
  writeOctal(block, 108, 8, meta?.uid ?? 0);
  writeOctal(block, 116, 8, meta?.gid ?? 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, Math.max(0, Math.floor(meta?.mtime ?? 0)));
  block.fill(0x20, 148, 156); // checksum field counts as spaces
  writeString(block, 156, 1, typeflag);
  writeString(block, 157, 100, linkname);
  writeString(block, 257, 6, "ustar");
  writeString(block, 263, 2, "00");
  writeString(block, 265, 32, meta?.uname ?? "");
  writeString(block, 297, 32, meta?.gname ?? "");
  let sum = 0;
  for (const byte of block) sum += byte;
  writeString(block, 148, 7, sum.toString(8).padStart(6, "0") + "\0");
  return block;
}

function padding(size: number): Uint8Array {
  const rest = size % BLOCK;
  return new Uint8Array(rest === 0 ? 0 : BLOCK - rest);
}

/** Headers for one entry: a PAX header first when the path or link does not fit ustar's fields. */
function headersFor(entry: TarEntry): Uint8Array[] {
  const path = entry.type === "dir" && !entry.path.endsWith("/") ? `${entry.path}/` : entry.path;
  const link = entry.type === "symlink" ? entry.target : "";
  const size = entry.type === "file" ? entry.size : 0;
  const records: string[] = [];
  if (encoder.encode(path).length > 100) records.push(paxRecord("path", path));
  if (encoder.encode(link).length > 100) records.push(paxRecord("linkpath", link));
  if (size > 0o77777777777) records.push(paxRecord("size", String(size)));
  const out: Uint8Array[] = [];
  if (records.length > 0) {
    const body = encoder.encode(records.join(""));
    out.push(header("PaxHeaders/entry", "x", body.length, 0o644, "", undefined), body, padding(body.length));
  }
  const typeflag = entry.type === "file" ? "0" : entry.type === "dir" ? "5" : "2";
  const mode = entry.type === "symlink" ? 0o777 : entry.mode;
  out.push(
    header(
      path.slice(0, 100),
      typeflag,
      size > 0o77777777777 ? 0 : size,
      mode,
      link.slice(0, 100),
      entry.meta,
    ),
  );
  return out;
}

async function* fileBytes(source: TarSource, expected: number, path: string): AsyncGenerator<Uint8Array> {
  let seen = 0;
  if ("bytes" in source) {
    seen = source.bytes.length;
    yield source.bytes;
  } else {
    const stream: Readable = createReadStream(source.file);
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      seen += bytes.length;
      yield bytes;
    }
  }
  if (seen !== expected)
    throw new Error(`${path} changed while it was being archived (${seen} bytes, expected ${expected})`);
}

/**
 * Writes a tar stream (ustar, with PAX headers for long names) of the given entries, in the order given.
 * Callers that need reproducible output sort the entries and fix modes, owners and times themselves.
 */
export async function* tarStream(
  entries: Iterable<TarEntry> | AsyncIterable<TarEntry>,
): AsyncGenerator<Uint8Array> {
  for await (const entry of entries) {
    yield* headersFor(entry);
    if (entry.type === "file") {
      yield* fileBytes(entry.source, entry.size, entry.path);
      yield padding(entry.size);
    }
  }
  yield new Uint8Array(BLOCK * 2);
}
