import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IgnoreMatcher, cleanPath, parseDockerignore } from "./ignore.js";

/**
 * [patterns, path, excluded]. Expectations were produced by moby/patternmatcher v0.6.1 itself (both
 * MatchesOrParentMatches and the walker's MatchesUsingParentResults agree on every row); the rows include
 * patternmatcher's own test table and the examples of Docker's .dockerignore documentation.
 */
const TABLE: readonly (readonly [readonly string[], string, boolean])[] = [
  [["*"], "fileutils.go", true],
  [["*.go"], "fileutils.go", true],
  [["!fileutils.go", "*.go"], "fileutils.go", true],
  [["docs", "!docs/README.md"], "docs/README.md", false],
  [["docs/", "!docs/README.md"], "docs/README.md", false],
  [["docs/*", "!docs/README.md"], "docs/README.md", false],
  [["*.go", "!fileutils.go"], "fileutils.go", false],
  [["**"], "file", true],
  [["**"], "dir/file", true],
  [["**/"], "dir/file", true],
  [["**/**"], "dir/file", true],
  [["dir/**"], "dir/file", true],
  [["dir/**"], "dir/dir2/file", true],
  [["**/dir"], "dir", true],
  [["**/dir"], "dir/file", true],
  [["**/dir2/*"], "dir/dir2/file", true],
  [["**/dir2/**"], "dir/dir2/dir3/file", true],
  [["**file"], "file", true],
  [["**file"], "dir/file", true],
  [["**/file"], "dir/file", true],
  [["**file"], "dir/dir/file", true],
  [["**/file*"], "dir/dir/file.txt", true],
  [["**/file*txt"], "dir/dir/file.txt", true],
  [["**/file*.txt*"], "dir/dir/file.txt", true],
  [["**/**/*.txt"], "dir/dir/file.txt", true],
  [["**/**/*.txt2"], "dir/dir/file.txt", false],
  [["**/*.txt"], "file.txt", true],
  [["**/**/*.txt"], "file.txt", true],
  [["a**/*.txt"], "a/file.txt", true],
  [["a**/*.txt"], "a/dir/file.txt", true],
  [["a**/*.txt"], "a/dir/dir/file.txt", true],
  [["a/*.txt"], "a/dir/file.txt", false],
  [["a/*.txt"], "a/file.txt", true],
  [["a/*.txt**"], "a/file.txt", true],
  [["a[b-d]e"], "ae", false],
  [["a[b-d]e"], "ace", true],
  [["a[b-d]e"], "aae", false],
  [["a[^b-d]e"], "aze", true],
  [[".*"], ".foo", true],
  [[".*"], "foo", false],
  [["abc.def"], "abcdef", false],
  [["abc.def"], "abc.def", true],
  [["abc.def"], "abcZdef", false],
  [["abc?def"], "abcZdef", true],
  [["abc?def"], "abcdef", false],
  [["a\\\\"], "a\\", true],
  [["**/foo/bar"], "foo/bar", true],
  [["**/foo/bar"], "dir/foo/bar", true],
  [["**/foo/bar"], "dir/dir2/foo/bar", true],
  [["abc/**"], "abc", false],
  [["abc/**"], "abc/def", true],
  [["abc/**"], "abc/def/ghi", true],
  [["**/.foo"], ".foo", true],
  [["**/.foo"], "bar.foo", false],
  [["a(b)c/def"], "a(b)c/def", true],
  [["a(b)c/def"], "a(b)c/xyz", false],
  [["a.|)$(}+{bc"], "a.|)$(}+{bc", true],
  [["dist/*.whl"], "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true],
  [["**", "!util/docker/web"], "util/docker/web/foo", false],
  [["**", "!util/docker/web", "util/docker/web/foo"], "util/docker/web/foo", true],
  [["**", "!dist/*.whl"], "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", false],
  [["a\\*b"], "a*b", true],
  [["a\\*b"], "ab", false],
  [["*/temp*"], "somedir/temporary.txt", true],
  [["*/temp*"], "somedir/temp", true],
  [["*/temp*"], "temp", false],
  [["*/temp*"], "a/b/temp", false],
  [["*/*/temp*"], "somedir/subdir/temporary.txt", true],
  [["*/*/temp*"], "somedir/temporary.txt", false],
  [["temp?"], "tempa", true],
  [["temp?"], "tempb", true],
  [["temp?"], "temp", false],
  [["temp?"], "tempab", false],
  [["*.md", "!README.md"], "README.md", false],
  [["*.md", "!README.md"], "CHANGES.md", true],
  [["*.md", "!README.md"], "docs/x.md", false],
  [["*.md", "!README*.md", "README-secret.md"], "README-secret.md", true],
  [["*.md", "!README*.md", "README-secret.md"], "README-x.md", false],
  [["*.md", "README-secret.md", "!README*.md"], "README-secret.md", false],
  [["*.md", "README-secret.md", "!README*.md"], "other.md", true],
  [["**/*.go"], "main.go", true],
  [["**/*.go"], "a/b/c/main.go", true],
  [["**/*.go"], "a/b/c/main.gox", false],
  [["/foo/bar"], "foo/bar", false],
  [["foo/bar/"], "foo/bar", true],
  [["foo/bar/"], "foo/bar/baz", true],
  [["./foo"], "foo", true],
  [["foo/../bar"], "bar", true],
  [["node_modules"], "node_modules/x/y.js", true],
  [["node_modules"], "a/node_modules/x.js", false],
  [["**/node_modules"], "a/node_modules/x.js", true],
  [["*"], "dir/file", true],
  [["dir"], "dir/sub/file", true],
  [["dir", "!dir/keep"], "dir/keep", false],
  [["dir", "!dir/keep"], "dir/keep/inner", false],
  [["dir", "!dir/keep"], "dir/other", true],
  [["dir/*", "!dir/keep*"], "dir/keepme", false],
  [["*", "!Dockerfile"], "Dockerfile", false],
  [["*", "!Dockerfile"], "src", true],
  [["[a-c]*"], "banana", true],
  [["[!a]*"], "!x", true],
  [["\\[x\\]"], "[x]", true],
  [["a?c"], "a/c", false],
  [["a*c"], "ab/c", false],
  [["**/a/**/b"], "a/b", true],
  [["**/a/**/b"], "x/a/y/z/b", true],
  [["a/**/b"], "a/b", true],
  [["a/**/b"], "a/x/y/b", true],
  [["**.go"], "x/y.go", true],
  [["*.go", "!vendor/**"], "vendor/a.go", false],
  [["vendor/**", "!vendor/keep/**"], "vendor/keep/x", false],
  [["#notacomment"], "#notacomment", true],
  [["  spaced  "], "spaced", true],
  [["ab$c"], "ab$c", true],
  [["a{b,c}"], "ab", false],
  [["a{b,c}"], "a{b,c}", true],
  [["a+"], "a+", true],
  [["a*+"], "ab+", true],
  [["\u00e9*"], "\u00e9a", true],
  [["?"], "\u00e9", true],
  [["x/?"], "x/\u00e9", true],
];

/** The walker form: results threaded from each parent directory down to the path. */
function walkerMatches(matcher: IgnoreMatcher, path: string): boolean {
  const parts = path.split("/");
  let parent: readonly boolean[] | undefined;
  for (let i = 1; i < parts.length; i++)
    parent = matcher.matchesWithParent(parts.slice(0, i).join("/"), parent)[1];
  return matcher.matchesWithParent(path, parent)[0];
}

describe(".dockerignore matching", () => {
  it("agrees with moby's patternmatcher on every row of the table", () => {
    for (const [patterns, path, excluded] of TABLE) {
      const matcher = new IgnoreMatcher(patterns);
      assert.equal(matcher.matchesOrParentMatches(path), excluded, `${JSON.stringify(patterns)} ${path}`);
      assert.equal(walkerMatches(matcher, path), excluded, `walker: ${JSON.stringify(patterns)} ${path}`);
    }
  });

  it("rejects malformed patterns and a bare '!'", () => {
    for (const bad of [["["], ["a[b"], ["!"], ["[a-b-c]"], ["x\\"], ["[Local-Only]"]]) {
      assert.throws(() => new IgnoreMatcher(bad), /syntax error in pattern/, JSON.stringify(bad));
    }
  });

  it("keeps directories with '!' exceptions inside them walkable", () => {
    const matcher = new IgnoreMatcher(["dir", "!dir/keep"]);
    assert.equal(matcher.canSkipDirectory("dir"), false);
    assert.equal(matcher.canSkipDirectory("other"), true);
    assert.equal(new IgnoreMatcher(["dir"]).canSkipDirectory("dir"), true);
    // Docker only looks for exceptions that literally start with the directory.
    assert.equal(new IgnoreMatcher(["dir", "!*/keep"]).canSkipDirectory("dir"), true);
  });
});

describe("reading .dockerignore files", () => {
  it("drops comments and blanks, trims, cleans, and strips one leading slash", () => {
    const text =
      "\uFEFF# comment\n\n  *.log  \n/build/\n!  /dist/keep.txt\n./a/../b\n #not a comment\n\t\n**/tmp/**\n";
    assert.deepEqual(parseDockerignore(text), [
      "*.log",
      "build",
      "!dist/keep.txt",
      "b",
      "#not a comment",
      "**/tmp/**",
    ]);
  });

  it("handles CRLF line endings and a lone slash", () => {
    assert.deepEqual(parseDockerignore("a\r\nb/\r\n/\r\n"), ["a", "b", "/"]);
  });

  it("cleans paths like Go's path.Clean", () => {
    for (const [input, output] of [
      ["", "."],
      ["a/", "a"],
      ["a//b", "a/b"],
      ["./a", "a"],
      ["a/../..", ".."],
      ["/..", "/"],
      ["/", "/"],
    ] as const) {
      assert.equal(cleanPath(input), output, input);
    }
  });
});
