import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { EMPTY_DESCRIPTOR, projectDescriptorFrom, readProjectDescriptor } from "./project-descriptor.js";
import { parseToml } from "./toml.js";

describe("project descriptor", () => {
  it("reads schema 0.2: build env, group and exclude", () => {
    const doc = parseToml(`
[_]
schema-version = "0.2"
[io.buildpacks]
exclude = ["*.md", "/tmp/"]
[[io.buildpacks.group]]
id = "a/node"
[[io.buildpacks.group]]
id = "a/extra"
version = "1.2.3"
[[io.buildpacks.build.env]]
name = "A"
value = "1"
`);
    assert.deepEqual(projectDescriptorFrom(doc, "p.toml"), {
      env: { A: "1" },
      buildpacks: ["a/node", "a/extra@1.2.3"],
      include: [],
      exclude: ["*.md", "/tmp/"],
    });
  });

  it("reads the legacy schema 0.1: [build] env, buildpacks and include", () => {
    const doc = parseToml(
      '[project]\nid = "x"\n[build]\ninclude = ["src/"]\n[[build.buildpacks]]\nid = "a/go"\n' +
        '[[build.env]]\nname = "B"\nvalue = "two"\n',
    );
    assert.deepEqual(projectDescriptorFrom(doc, "p.toml"), {
      env: { B: "two" },
      buildpacks: ["a/go"],
      include: ["src/"],
      exclude: [],
    });
  });

  it("refuses include with exclude, URI-only buildpacks and nameless env", () => {
    assert.throws(() => projectDescriptorFrom(parseToml('[build]\ninclude=["a"]\nexclude=["b"]\n'), "p"), {
      code: "BUILDPACKS_BAD_PROJECT_DESCRIPTOR",
    });
    assert.throws(() => projectDescriptorFrom(parseToml('[[build.buildpacks]]\nuri = "docker://x"\n'), "p"), {
      code: "BUILDPACKS_UNSUPPORTED_BUILDPACK",
      message: /docker:\/\/x has no id/,
    });
    assert.throws(() => projectDescriptorFrom(parseToml('[[build.env]]\nvalue = "v"\n'), "p"), {
      code: "BUILDPACKS_BAD_PROJECT_DESCRIPTOR",
    });
  });

  it("reads from the workspace: absent file is empty, bad TOML names the file and line", async () => {
    const dir = await mkdtemp(join(tmpdir(), "trestle-pd-"));
    assert.deepEqual(await readProjectDescriptor(dir, "project.toml"), EMPTY_DESCRIPTOR);
    await writeFile(join(dir, "project.toml"), "[build]\nenv = \n");
    await assert.rejects(readProjectDescriptor(dir, "project.toml"), {
      code: "BUILDPACKS_BAD_PROJECT_DESCRIPTOR",
      message: /project\.toml: line 2/,
    });
  });
});
