import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseToml, TomlError } from "./toml.js";

describe("parseToml", () => {
  it("reads a project descriptor (schema 0.2)", () => {
    const doc = parseToml(`
[_]
schema-version = "0.2"
id = "io.example.app" # comment

[io.buildpacks]
include = [
  "src/**",   # the sources
  'package.json',
]
exclude = []

[[io.buildpacks.group]]
id = "paketo-buildpacks/node-start"
version = "1.2.3"

[[io.buildpacks.build.env]]
name = "GREETING"
value = "hi \\"there\\"\\n"

[[io.buildpacks.build.env]]
name = "N"
value = "2"
`);
    assert.deepEqual(doc, {
      _: { "schema-version": "0.2", id: "io.example.app" },
      io: {
        buildpacks: {
          include: ["src/**", "package.json"],
          exclude: [],
          group: [{ id: "paketo-buildpacks/node-start", version: "1.2.3" }],
          build: {
            env: [
              { name: "GREETING", value: 'hi "there"\n' },
              { name: "N", value: "2" },
            ],
          },
        },
      },
    });
  });

  it("reads numbers, booleans, inline tables, dotted keys and multi-line strings", () => {
    const doc = parseToml(
      'a = 1_000\nb = -2.5\nc = true\nd = { src = "**/*.js", dest = "/workspace" }\n' +
        'e.f = "g"\nh = """\nline1\nline2"""\nt = 1979-05-27T07:32:00Z\n',
    );
    assert.deepEqual(doc, {
      a: 1000,
      b: -2.5,
      c: true,
      d: { src: "**/*.js", dest: "/workspace" },
      e: { f: "g" },
      h: "line1\nline2",
      t: "1979-05-27T07:32:00Z",
    });
  });

  it("reads the lifecycle's report.toml", () => {
    const doc = parseToml(
      '[image]\n  tags = ["localhost:5000/a:b"]\n  digest = "sha256:abc"\n  manifest-size = 1234\n',
    );
    assert.deepEqual(doc, {
      image: { tags: ["localhost:5000/a:b"], digest: "sha256:abc", "manifest-size": 1234 },
    });
  });

  it("reports syntax errors with the line", () => {
    assert.throws(
      () => parseToml('a = "x"\nb = \n'),
      (e: unknown) => e instanceof TomlError && e.line === 2,
    );
    assert.throws(() => parseToml('a = "x'), TomlError);
    assert.throws(() => parseToml("a = 1\na = 2\n"), /duplicate key a/);
    assert.throws(() => parseToml("[a\n"), /expected \]/);
  });
});
