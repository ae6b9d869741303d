import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { demultiplex, frame } from "./multiplex.js";

describe("multiplexed container output", () => {
  it("splits frames across arbitrary chunk boundaries", async () => {
    const bytes = Buffer.concat([
      frame("stdout", Buffer.from("hello\n")),
      frame("stderr", Buffer.from("oops\n")),
      frame("stdout", Buffer.alloc(0)),
      frame("stdout", Buffer.from("bye")),
    ]);
    function* chunks(): Generator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    }
    const out: [string, string][] = [];
    for await (const [stream, payload] of demultiplex(Readable.from(chunks())))
      out.push([stream, payload.toString()]);
    assert.deepEqual(out, [
      ["stdout", "hello\n"],
      ["stderr", "oops\n"],
      ["stdout", ""],
      ["stdout", "bye"],
    ]);
  });
});
