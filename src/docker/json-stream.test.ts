import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { readJsonMessages } from "./json-stream.js";
import { LineBuffer, emitLines } from "../util/lines.js";

async function read(chunks: string[]): Promise<{ lines: string[]; error?: string; aux: readonly unknown[] }> {
  const lines: string[] = [];
  const outcome = await readJsonMessages(Readable.from(chunks), (line) => lines.push(line));
  return { lines, aux: outcome.aux, ...(outcome.error === undefined ? {} : { error: outcome.error }) };
}

describe("engine progress streams", () => {
  it("turns stream text into lines, across message and chunk boundaries", async () => {
    const result = await read([
      '{"stream":"Step 1/2 : FROM busybox\\n"}\r\n{"stream":" ---> 7f48',
      '6bf2db99\\n"}\r\n{"stream":"partial "}\n{"stream":"line\\n"}\n',
      '{"aux":{"ID":"sha256:abc"}}\n{"stream":"Successfully built abc"}\n',
    ]);
    assert.deepEqual(result.lines, [
      "Step 1/2 : FROM busybox",
      " ---> 7f486bf2db99",
      "partial line",
      "Successfully built abc",
    ]);
    assert.deepEqual(result.aux, [{ ID: "sha256:abc" }]);
    assert.equal(result.error, undefined);
  });

  it("prints status lines with layer ids and drops progress ticks", async () => {
    const result = await read([
      '{"status":"The push refers to repository [localhost:5000/app]"}\n',
      '{"status":"Preparing","progressDetail":{},"id":"099555f981f8"}\n',
      '{"status":"Pushing","progressDetail":{"current":512,"total":1024},"progress":"[==>   ]","id":"099555f981f8"}\n',
      '{"status":"Pushed","progressDetail":{},"id":"099555f981f8"}\n',
      '{"status":"t1: digest: sha256:aa size: 943"}\n{"progressDetail":{},"aux":{"Tag":"t1","Digest":"sha256:aa","Size":943}}\n',
    ]);
    assert.deepEqual(result.lines, [
      "The push refers to repository [localhost:5000/app]",
      "099555f981f8: Preparing",
      "099555f981f8: Pushed",
      "t1: digest: sha256:aa size: 943",
    ]);
    assert.deepEqual(result.aux, [{ Tag: "t1", Digest: "sha256:aa", Size: 943 }]);
  });

  it("reports an error sent in the middle of a 200 response", async () => {
    const result = await read([
      '{"stream":"Step 2/2 : RUN false\\n"}\n{"stream":" ---\\u003e Running in 1a\\n"}\n',
      '{"errorDetail":{"code":1,"message":"The command \'/bin/sh -c false\' returned a non-zero code: 1"},"error":"ignored"}\n',
    ]);
    assert.equal(result.error, "The command '/bin/sh -c false' returned a non-zero code: 1");
    assert.deepEqual(result.lines, ["Step 2/2 : RUN false", " ---> Running in 1a"]);
  });

  it("passes through lines that are not JSON", async () => {
    assert.deepEqual((await read(["plain text\n"])).lines, ["plain text"]);
  });
});

describe("line buffering", () => {
  it("emits whole lines and the remainder on flush, dropping carriage returns", () => {
    const lines: string[] = [];
    const buffer = new LineBuffer((l) => lines.push(l));
    buffer.push("a\r\nb");
    buffer.push("c\n\nd");
    assert.deepEqual(lines, ["a", "bc", ""]);
    buffer.flush();
    assert.deepEqual(lines, ["a", "bc", "", "d"]);
    const all: string[] = [];
    emitLines("x\ny\n", (l) => all.push(l));
    assert.deepEqual(all, ["x", "y"]);
  });
});
