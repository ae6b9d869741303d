import assert from "node:assert/strict";
import { test } from "node:test";
import { terminatingOfJson } from "./kubectl.js";

test("terminating objects are those with a deletionTimestamp", () => {
  const list = {
    kind: "List",
    items: [
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "a", namespace: "n" } },
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "b", namespace: "n", deletionTimestamp: "2026-01-01T00:00:00Z" },
      },
    ],
  };
  assert.deepEqual(terminatingOfJson(JSON.stringify(list)), [
    { apiVersion: "apps/v1", kind: "Deployment", name: "b", namespace: "n", labels: {} },
  ]);
  assert.deepEqual(terminatingOfJson(""), []);
});
