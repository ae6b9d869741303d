import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Artifact } from "../../config/schema/index.js";
import type { DependencyLister } from "../types.js";
import { CacheKeyCalculator } from "./cache-key.js";
import type { CacheKeyInput } from "./cache-key.js";
import type { FileDigest, FileDigestSource } from "./file-hashes.js";
import { canonicalJson } from "./canonical-json.js";

/** Files and digests from a mutable table: a fake lister and digest source for the key's pure logic. */
function fakes(table: Record<string, string>) {
  const lister: DependencyLister = {
    dependencies: (_artifact, workspace) =>
      Promise.resolve(Object.keys(table).map((f) => `${workspace}/${f}`)),
  };
  const digests: FileDigestSource = {
    digests: (paths) =>
      Promise.resolve(
        new Map(
          paths.flatMap((p) => {
            const digest = table[p.replace(/^\/ws\//, "")];
            const entry: FileDigest = { kind: "file", mode: 0o644, digest: digest ?? "" };
            return digest === undefined ? [] : [[p, entry] as const];
          }),
        ),
      ),
  };
  return { lister, digests };
}

const app: Artifact = { image: "app", docker: { dockerfile: "Dockerfile", buildArgs: { A: "1" } } };
const input = (overrides: Partial<CacheKeyInput> = {}): CacheKeyInput => ({
  artifact: app,
  workspace: "/ws",
  platforms: ["linux/amd64"],
  mode: "build",
  requiredKeys: new Map(),
  ...overrides,
});

async function keyOf(
  overrides: Partial<CacheKeyInput> = {},
  table: Record<string, string> = { Dockerfile: "D", "main.go": "M" },
) {
  const { lister, digests } = fakes(table);
  return new CacheKeyCalculator(lister, digests, {}).key(input(overrides));
}

describe("CacheKeyCalculator", () => {
  it("is stable for the same inputs, and ignores the order of platforms and build args", async () => {
    const base = await keyOf({ platforms: ["linux/amd64", "linux/arm64"], buildArgs: { A: "1", B: null } });
    assert.match(base, /^[0-9a-f]{64}$/);
    assert.equal(
      await keyOf({ platforms: ["linux/arm64", "linux/amd64"], buildArgs: { B: null, A: "1" } }),
      base,
    );
  });

  it("changes with each input that shapes the image", async () => {
    const base = await keyOf();
    const variants = [
      await keyOf({}, { Dockerfile: "D", "main.go": "changed" }),
      await keyOf({}, { Dockerfile: "D", "main.go": "M", "new.go": "N" }),
      await keyOf({ artifact: { ...app, docker: { dockerfile: "Dockerfile", buildArgs: { A: "2" } } } }),
      await keyOf({ artifact: { ...app, docker: { dockerfile: "Dockerfile", target: "prod" } } }),
      await keyOf({ artifact: { image: "app", custom: { buildCommand: "./build.sh" } } }),
      await keyOf({ buildArgs: { A: "evaluated" } }),
      await keyOf({ platforms: ["linux/arm64"] }),
      await keyOf({ mode: "debug" }),
    ];
    for (const variant of variants) assert.notEqual(variant, base);
    assert.equal(new Set(variants).size, variants.length);
  });

  it("does not change between build, run and dev (their images are the same unless build args differ)", async () => {
    const base = await keyOf();
    assert.equal(await keyOf({ mode: "run" }), base);
    assert.equal(await keyOf({ mode: "dev" }), base);
  });

  it("covers required artifacts through their keys", async () => {
    const derived: Artifact = { image: "app", docker: {}, requires: [{ image: "base", alias: "BASE" }] };
    const one = await keyOf({ artifact: derived, requiredKeys: new Map([["base", "k1"]]) });
    const two = await keyOf({ artifact: derived, requiredKeys: new Map([["base", "k2"]]) });
    assert.notEqual(one, two);
    await assert.rejects(keyOf({ artifact: derived }), { code: "CACHE_KEY_ORDER" });
  });

  it("computes all keys in requires order", async () => {
    const { lister, digests } = fakes({ "main.go": "M" });
    const calculator = new CacheKeyCalculator(lister, digests, {});
    const base: Artifact = { image: "base", docker: {} };
    const derived: Artifact = { image: "app", docker: {}, requires: [{ image: "base" }] };
    const keys = await calculator.keys([
      { artifact: derived, workspace: "/ws", platforms: [], mode: "build" },
      { artifact: base, workspace: "/ws", platforms: [], mode: "build" },
    ]);
    assert.deepEqual([...keys.keys()], ["base", "app"]);
    const alone = await calculator.key({
      artifact: base,
      workspace: "/ws",
      platforms: [],
      mode: "build",
      requiredKeys: new Map(),
    });
    assert.equal(keys.get("base"), alone);
  });
});

describe("canonicalJson", () => {
  it("sorts object keys at every level and keeps arrays in order", () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, 1], c: null } }), '{"a":{"c":null,"d":[2,1]},"b":1}');
    assert.equal(canonicalJson({ x: undefined, y: 1 }), '{"y":1}');
  });
});
