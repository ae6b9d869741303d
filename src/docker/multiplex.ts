/**
 * The engine's multiplexed stdout/stderr stream (`stdcopy`): frames of an 8-byte header (stream type, three
 * zero bytes, big-endian payload length) and the payload. Containers with a TTY send raw bytes instead.
 */

/** Which stream a frame belongs to. */
export type StdStream = "stdout" | "stderr";

const HEADER = 8;

/** Splits a multiplexed byte stream into (stream, bytes) chunks, across arbitrary chunk boundaries. */
export async function* demultiplex(source: AsyncIterable<Uint8Array>): AsyncGenerator<[StdStream, Buffer]> {
  let pending = Buffer.alloc(0);
  for await (const chunk of source) {
    pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk]);
    while (pending.length >= HEADER) {
      const size = pending.readUInt32BE(4);
      if (pending.length < HEADER + size) break;
      const kind = pending[0] === 2 ? "stderr" : "stdout";
      yield [kind, pending.subarray(HEADER, HEADER + size)];
      pending = pending.subarray(HEADER + size);
    }
  }
}

/** Encodes one frame (used by tests and fakes). */
export function frame(stream: StdStream, payload: Uint8Array): Buffer {
  const header = Buffer.alloc(HEADER);
  header[0] = stream === "stderr" ? 2 : 1;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}
