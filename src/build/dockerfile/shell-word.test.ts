import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { expandWord, splitWords } from "./shell-word.js";

const vars: Record<string, string> = {
  FOO: "server.go",
  EMPTY: "",
  PATH_VAR: "/usr/local/bin",
  FILE: "archive.tar.gz",
};
const lookup = (name: string): string | undefined => vars[name];

describe("Dockerfile word expansion", () => {
  it("expands variables and removes quotes as BuildKit does", () => {
    const cases: readonly (readonly [string, string])[] = [
      ["$FOO", "server.go"],
      ["${FOO}", "server.go"],
      ["pre-${FOO}-post", "pre-server.go-post"],
      ["$FOO2", ""],
      ["$", "$"],
      ["a$", "a$"],
      ["'$FOO'", "$FOO"],
      ['"$FOO"', "server.go"],
      ['"a \\"b\\" \\$FOO \\n"', 'a "b" $FOO \\n'],
      ["\\$FOO", "$FOO"],
      ["${MISSING:-default}", "default"],
      ["${EMPTY:-default}", "default"],
      ["${EMPTY-default}", ""],
      ["${MISSING-$FOO}", "server.go"],
      ["${FOO:+set}", "set"],
      ["${EMPTY:+set}", ""],
      ["${EMPTY+set}", "set"],
      ["${MISSING+set}", ""],
      ["${FILE#*.}", "tar.gz"],
      ["${FILE##*.}", "gz"],
      ["${FILE%.*}", "archive.tar"],
      ["${FILE%%.*}", "archive"],
      ["${PATH_VAR}/x y", "/usr/local/bin/x y"],
    ];
    for (const [word, expected] of cases) assert.equal(expandWord(word, lookup), expected, word);
  });

  it("uses the configured escape character", () => {
    assert.equal(expandWord("`$FOO", lookup, "`"), "$FOO");
    assert.equal(expandWord("c:\\dir", lookup, "`"), "c:\\dir");
  });

  it("reports malformed words", () => {
    assert.throws(() => expandWord("'open", lookup), /single-quote/);
    assert.throws(() => expandWord('"open', lookup), /double-quote/);
    assert.throws(() => expandWord("${FOO", lookup), /missing '}'/);
    assert.throws(() => expandWord("${}", lookup), /bad substitution/);
    assert.throws(() => expandWord("${MISSING:?must be set}", lookup), /must be set/);
  });

  it("splits words on unquoted whitespace, keeping quotes", () => {
    assert.deepEqual(splitWords(`A=1  B="two words" C='x y' D=a\\ b`), [
      "A=1",
      'B="two words"',
      "C='x y'",
      "D=a\\ b",
    ]);
  });
});
