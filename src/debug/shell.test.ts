import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { shJoin, shSplit } from "./shell.js";

describe("shSplit", () => {
  const rows: [string, string[] | undefined][] = [
    ["", []],
    ["  a  b\tc\nd ", ["a", "b", "c", "d"]],
    ["glob* test?", ["glob*", "test?"]],
    ["don\\'t you know", ["don't", "you", "know"]],
    ["'don'\\''t you know'", ["don't you know"]],
    ["one '' two", ["one", "", "two"]],
    ["text with\\\na backslash-escaped newline", ["text", "witha", "backslash-escaped", "newline"]],
    ['text "with\na" quoted newline', ["text", "with\na", "quoted", "newline"]],
    ['"quoted\\d\\\\\\" text with\\\na newline"', ['quoted\\d\\" text witha newline']],
    ['foo"bar"baz', ["foobarbaz"]],
    ["echo $HOME ${PORT}", ["echo", "$HOME", "${PORT}"]],
    ["don't worry", undefined],
    ["\"foo'bar", undefined],
    ["foo\\", undefined],
  ];
  for (const [line, expected] of rows) {
    it(JSON.stringify(line), () => {
      assert.deepEqual(shSplit(line), expected);
    });
  }

  it("reads back what shJoin writes", () => {
    const args = ["node", "--inspect=0.0.0.0:9229", "a b", 'say "hi"', "(x)", "$PORT"];
    assert.deepEqual(shSplit(shJoin(args)), args);
  });
});
