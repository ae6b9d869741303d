import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { globMatch } from "./glob.js";

describe("doublestar globs", () => {
  const cases: [string, string, boolean][] = [
    ["**/*.go", "main.go", true],
    ["**/*.go", "cmd/app/main.go", true],
    ["**/*.go", "cmd/app/main.gox", false],
    ["*.go", "cmd/main.go", false],
    ["cmd/**", "cmd/a/b/c.txt", true],
    ["cmd/**", "cmdx/a", false],
    ["a/**/b", "a/b", true],
    ["a/**/b", "a/x/y/b", true],
    ["**", "anything/at/all", true],
    ["?.go", "a.go", true],
    ["?.go", "ab.go", false],
    ["[a-c].txt", "b.txt", true],
    ["[!a-c].txt", "d.txt", true],
    ["[!a-c].txt", "b.txt", false],
    ["{cmd,pkg}/*.go", "pkg/x.go", true],
    ["{cmd,pkg}/*.go", "internal/x.go", false],
    ["*.{go,mod}", "go.mod", true],
    ["\\*.go", "*.go", true],
    ["\\*.go", "a.go", false],
    [".hidden/*", ".hidden/file", true],
    ["vendor", "vendor", true],
    ["a.b", "axb", false],
  ];
  for (const [pattern, path, expected] of cases) {
    it(`${pattern} ${expected ? "matches" : "does not match"} ${path}`, () => {
      assert.equal(globMatch(pattern, path), expected);
    });
  }
});
