import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BadPatternError, goMatch, hasGlobMeta } from "./go-match.js";

/** [pattern, name, matches or "bad"]: Go's own path.Match table plus a few more, checked against Go 1.26. */
const TABLE: readonly (readonly [string, string, boolean | "bad"])[] = [
  ["abc", "abc", true],
  ["*", "abc", true],
  ["*c", "abc", true],
  ["a*", "a", true],
  ["a*", "abc", true],
  ["a*", "ab/c", false],
  ["a*/b", "abc/b", true],
  ["a*/b", "a/c/b", false],
  ["a*b*c*d*e*/f", "axbxcxdxe/f", true],
  ["a*b*c*d*e*/f", "axbxcxdxexxx/f", true],
  ["a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false],
  ["a*b*c*d*e*/f", "axbxcxdxexxx/fff", false],
  ["a*b?c*x", "abxbbxdbxebxczzx", true],
  ["a*b?c*x", "abxbbxdbxebxczzy", false],
  ["ab[c]", "abc", true],
  ["ab[b-d]", "abc", true],
  ["ab[e-g]", "abc", false],
  ["ab[^c]", "abc", false],
  ["ab[^b-d]", "abc", false],
  ["ab[^e-g]", "abc", true],
  ["a\\*b", "a*b", true],
  ["a\\*b", "ab", false],
  ["a?b", "a☺b", true],
  ["a[^a]b", "a☺b", true],
  ["a???b", "a☺b", false],
  ["a[^a][^a][^a]b", "a☺b", false],
  ["[a-ζ]*", "α", true],
  ["*[a-ζ]", "A", false],
  ["a?b", "a/b", false],
  ["a*b", "a/b", false],
  ["[\\]a]", "]", true],
  ["[\\-]", "-", true],
  ["[x\\-]", "x", true],
  ["[x\\-]", "-", true],
  ["[x\\-]", "z", false],
  ["[\\-x]", "x", true],
  ["[\\-x]", "-", true],
  ["[\\-x]", "a", false],
  ["[]a]", "]", "bad"],
  ["[-]", "-", "bad"],
  ["[x-]", "x", "bad"],
  ["[x-]", "-", "bad"],
  ["[x-]", "z", "bad"],
  ["[-x]", "x", "bad"],
  ["[-x]", "-", "bad"],
  ["[-x]", "a", "bad"],
  ["\\", "a", "bad"],
  ["[a-b-c]", "a", "bad"],
  ["[", "a", "bad"],
  ["[^", "a", "bad"],
  ["[^bc", "a", "bad"],
  ["a[", "a", "bad"],
  ["a[", "ab", "bad"],
  ["a[", "x", "bad"],
  ["a/b[", "x", "bad"],
  ["*x", "xxx", true],
  ["*.go", "main.go", true],
  ["*.go", ".go", true],
  ["*", ".", true],
  ["[Local-Only]", "x", false],
  ["a*", "b[", false],
  ["*[", "x", "bad"],
];

describe("Go's path.Match", () => {
  it("matches Go on every row", () => {
    for (const [pattern, name, expected] of TABLE) {
      if (expected === "bad")
        assert.throws(() => goMatch(pattern, name), BadPatternError, `${pattern} ${name}`);
      else assert.equal(goMatch(pattern, name), expected, `${pattern} ${name}`);
    }
  });

  it("knows which text has glob metacharacters", () => {
    assert.equal(hasGlobMeta("src/main.go"), false);
    for (const text of ["*.go", "a?", "[ab]", "a\\b"]) assert.equal(hasGlobMeta(text), true, text);
  });
});
