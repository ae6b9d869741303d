import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { TrestleError } from "../errors/errors.js";
import { rawYamlFiles, readRawYaml } from "./raw-yaml.js";

const pod = (name: string): string => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\n`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "trestle-raw-"));
  mkdirSync(join(dir, "k8s", "nested"), { recursive: true });
  writeFileSync(join(dir, "k8s", "b.yaml"), pod("b"));
  writeFileSync(join(dir, "k8s", "a.yml"), `${pod("a1")}---\n${pod("a2")}`);
  writeFileSync(join(dir, "k8s", "notes.txt"), "not yaml");
  writeFileSync(
    join(dir, "k8s", "nested", "c.json"),
    JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: "c" } }),
  );
  writeFileSync(join(dir, "extra.txt"), pod("explicit"));
  return dir;
}

const names = (docs: readonly Record<string, unknown>[]): unknown[] =>
  docs.map((d) => (d["metadata"] as Record<string, unknown>)["name"]);

describe("rawYaml", () => {
  let url = "";
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    if (req.url === "/remote.yaml") res.end(pod("remote"));
    else {
      res.statusCode = 404;
      res.end("missing");
    }
  });
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  });
  after(() => {
    server.close();
  });

  it("expands globs in name order, skips non-manifest files a glob finds, reads each file once", async () => {
    const dir = project();
    const docs = await readRawYaml(dir, ["k8s/*.yaml", "k8s/*", "extra.txt"], () => undefined);
    assert.deepEqual(names(docs), ["b", "a1", "a2", "c", "explicit"]);
  });

  it("walks a directory given by name", async () => {
    const dir = project();
    const files = await rawYamlFiles(dir, ["k8s"], () => undefined);
    assert.deepEqual(
      files.map((f) => f.slice(dir.length + 1)),
      ["k8s/a.yml", "k8s/b.yaml", "k8s/nested/c.json"],
    );
  });

  it("warns about a pattern that matches nothing", async () => {
    const warnings: string[] = [];
    const docs = await readRawYaml(project(), ["missing/*.yaml"], (m) => warnings.push(m));
    assert.equal(docs.length, 0);
    assert.match(warnings[0] ?? "", /missing\/\*\.yaml did not match any file/);
  });

  it("downloads http manifests from a local server, in the order listed", async () => {
    const before = hits;
    const docs = await readRawYaml(project(), [`${url}/remote.yaml`, "k8s/b.yaml"], () => undefined);
    assert.deepEqual(names(docs), ["remote", "b"]);
    assert.equal(hits, before + 1);
  });

  it("fails clearly on a URL that answers 404", async () => {
    await assert.rejects(
      readRawYaml(project(), [`${url}/nope.yaml`], () => undefined),
      (e: unknown) =>
        e instanceof TrestleError && e.code === "MANIFEST_DOWNLOAD_FAILED" && /404/.test(e.message),
    );
  });
});
