import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TrestleError } from "../errors/errors.js";
import { formatManifests, parseManifests } from "./yaml.js";

describe("parseManifests", () => {
  it("reads every mapping document in order and drops empty ones", () => {
    const docs = parseManifests(
      "---\napiVersion: v1\nkind: Service\n---\n\n---\n# only a comment\n---\napiVersion: v1\nkind: Pod\n",
      "x.yaml",
    );
    assert.deepEqual(
      docs.map((d) => d["kind"]),
      ["Service", "Pod"],
    );
  });

  it("reads scalars as kubectl does, but keeps keys and dates as written", () => {
    const [doc] = parseManifests(
      'mode: 0755\nflag: yes\nn: key\nwhen: 2020-01-01\nclock: 1:30\nquoted: "0755"\n',
      "x.yaml",
    );
    assert.deepEqual(doc, {
      mode: 493,
      flag: true,
      n: "key",
      when: "2020-01-01",
      clock: "1:30",
      quoted: "0755",
    });
  });

  it("keeps unknown fields in their order", () => {
    const [doc] = parseManifests("kind: X\nzeta: 1\nalpha: {b: 2, a: 1}\napiVersion: v9\n", "x.yaml");
    assert.deepEqual(Object.keys(doc ?? {}), ["kind", "zeta", "alpha", "apiVersion"]);
    assert.deepEqual(Object.keys(doc?.["alpha"] ?? {}), ["b", "a"]);
  });

  for (const [name, text, code] of [
    ["bad syntax", "a: [1, 2\n", "MANIFEST_INVALID_YAML"],
    ["a list document", "- a\n- b\n", "MANIFEST_NOT_AN_OBJECT"],
    ["a scalar document", "just text\n", "MANIFEST_NOT_AN_OBJECT"],
  ] as const) {
    it(`rejects ${name} with the source named`, () => {
      assert.throws(
        () => parseManifests(text, "k8s/bad.yaml"),
        (e: unknown) => e instanceof TrestleError && e.code === code && e.message.startsWith("k8s/bad.yaml"),
      );
    });
  }
});

describe("formatManifests", () => {
  it("quotes strings a YAML 1.1 reader would misread, and round-trips", () => {
    const docs = [
      { apiVersion: "v1", kind: "ConfigMap", data: { a: "yes", b: "0755", c: "on", d: "1.0", n: "x" } },
      { apiVersion: "v1", kind: "Pod", metadata: { name: "p" } },
    ];
    const text = formatManifests(docs);
    assert.match(text, /a: "yes"/);
    assert.match(text, /b: "0755"/);
    assert.match(text, /\n---\n/);
    assert.deepEqual(parseManifests(text, "round-trip"), docs);
  });

  it("prints nothing for no manifests", () => {
    assert.equal(formatManifests([]), "");
  });
});
