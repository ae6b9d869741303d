import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { Artifact } from "../../config/schema/index.js";
import { FileHashStore } from "../cache/file-hashes.js";
import type { ArtifactWorkspace } from "../scheduler-graph.js";
import type { DependencyLister } from "../types.js";
import { inputDigestTagger } from "./input-digest.js";

const root = mkdtempSync(join(tmpdir(), "trestle-digest-"));
after(() => {
  rmSync(root, { recursive: true, force: true });
});

function workspace(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return dir;
}

/** Lists every file given to `workspace` for the artifact (a fake for the builders' listers). */
const lister = (files: Record<string, readonly string[]>): DependencyLister => ({
  dependencies: (artifact, ws) => Promise.resolve((files[artifact.image] ?? []).map((f) => join(ws, f))),
});

async function digest(
  artifact: Artifact,
  ws: string,
  listed: Record<string, readonly string[]>,
  others = new Map<string, ArtifactWorkspace>(),
) {
  const digests = await FileHashStore.open(undefined, root);
  return inputDigestTagger({ lister: lister(listed), digests, env: {}, artifacts: others }).tag(artifact, ws);
}

describe("inputDigestTagger", () => {
  const app: Artifact = { image: "app", custom: {} };

  it("gives 64 hex characters that depend on contents and relative paths, not on the workspace location", async () => {
    const a = workspace("a", { "main.go": "package main", "lib/x.go": "x" });
    const b = workspace("b", { "main.go": "package main", "lib/x.go": "x" });
    const c = workspace("c", { "main.go": "package main", "lib/y.go": "x" });
    const d = workspace("d", { "main.go": "package main!", "lib/x.go": "x" });
    const listed = { app: ["main.go", "lib/x.go", "lib/y.go"] };
    const [da, db, dc, dd] = await Promise.all([a, b, c, d].map((ws) => digest(app, ws, listed)));
    assert.match(da ?? "", /^[0-9a-f]{64}$/);
    assert.equal(da, db);
    assert.notEqual(da, dc);
    assert.notEqual(da, dd);
  });

  it("ignores listed files that do not exist, and the listing order", async () => {
    const ws = workspace("e", { "main.go": "m", "other.go": "o" });
    const one = await digest(app, ws, { app: ["main.go", "other.go"] });
    const two = await digest(app, ws, { app: ["other.go", "gone.go", "main.go", "main.go"] });
    assert.equal(one, two);
  });

  it("counts the Dockerfile even when the lister leaves it out", async () => {
    const docker: Artifact = { image: "app", docker: { dockerfile: "build/Dockerfile" } };
    const one = workspace("f", { "build/Dockerfile": "FROM scratch", "main.go": "m" });
    const two = workspace("g", { "build/Dockerfile": "FROM busybox", "main.go": "m" });
    assert.notEqual(
      await digest(docker, one, { app: ["main.go"] }),
      await digest(docker, two, { app: ["main.go"] }),
    );
  });

  it("includes the files of required artifacts", async () => {
    const base = workspace("base", { "base.txt": "v1" });
    const ws = workspace("h", { "main.go": "m" });
    const derived: Artifact = { image: "app", custom: {}, requires: [{ image: "base" }] };
    const others = new Map([["base", { artifact: { image: "base", custom: {} }, workspace: base }]]);
    const listed = { app: ["main.go"], base: ["base.txt"] };
    const before = await digest(derived, ws, listed, others);
    writeFileSync(join(base, "base.txt"), "v2");
    assert.notEqual(await digest(derived, ws, listed, others), before);
  });
});
