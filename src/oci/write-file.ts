/** Streams bytes into a file atomically: a temporary file beside it, renamed into place when complete. */
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Writes `source` to `file`; `check` runs after the last byte and before the rename (throw to keep the
 * old file). Readers never see a partial file.
 */
export async function writeStreamAtomic(
  file: string,
  source: AsyncIterable<Uint8Array>,
  signal?: AbortSignal,
  check?: () => void,
): Promise<void> {
  const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await pipeline(
      Readable.from(source),
      createWriteStream(temporary),
      signal === undefined ? {} : { signal },
    );
    check?.();
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}
