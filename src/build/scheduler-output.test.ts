import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { userError } from "../errors/errors.js";
import type { ArtifactOutcome } from "./scheduler.js";
import { eventLine, prefixedLines, scheduleFailure } from "./scheduler-output.js";

const result = (...outcomes: ArtifactOutcome[]) => ({
  outcomes,
  ok: outcomes.every((o) => o.status === "succeeded"),
});
const ok = (image: string): ArtifactOutcome => ({
  image,
  status: "succeeded",
  built: { reference: `${image}:v1` },
});

describe("eventLine", () => {
  it("words progress as Skaffold does", () => {
    assert.equal(eventLine({ type: "start", image: "app" }), "Building [app]...");
    assert.equal(
      eventLine({ type: "success", image: "app", built: { reference: "app:v1" } }),
      "Build [app] succeeded",
    );
    assert.equal(
      eventLine({ type: "failure", image: "app", error: new Error("boom") }),
      "Build [app] failed: boom",
    );
    assert.equal(
      eventLine({ type: "cancel", image: "app", reason: "interrupted" }),
      "Build [app] was canceled: interrupted",
    );
  });
});

describe("prefixedLines", () => {
  it("prefixes lines with aligned image names when builds run in parallel", () => {
    const out: string[] = [];
    const write = prefixedLines(["app", "backend"], true, (line) => out.push(line));
    write("app", "step 1");
    write("backend", "step 1");
    assert.deepEqual(out, ["[app]     step 1", "[backend] step 1"]);
  });

  it("writes lines unchanged when builds run one at a time", () => {
    const out: string[] = [];
    prefixedLines(["app"], false, (line) => out.push(line))("app", "step 1");
    assert.deepEqual(out, ["step 1"]);
  });
});

describe("scheduleFailure", () => {
  it("is undefined when everything was built", () => {
    assert.equal(scheduleFailure(result(ok("a"), ok("b"))), undefined);
  });

  it("uses Skaffold's wording for a single failure and keeps its kind and hint", () => {
    const cause = userError("DOCKERFILE_MISSING", "Dockerfile not found", "Create it.");
    const error = scheduleFailure(result({ image: "app", status: "failed", error: cause }, ok("b")));
    assert.equal(error?.message, "build [app] failed: Dockerfile not found");
    assert.deepEqual(
      [error?.kind, error?.code, error?.hint, error?.cause],
      ["user", "BUILD_FAILED", "Create it.", cause],
    );
  });

  it("lists every failure and every cancellation", () => {
    const error = scheduleFailure(
      result(
        { image: "a", status: "failed", error: new Error("boom") },
        { image: "b", status: "failed", error: "plain text" },
        { image: "c", status: "cancelled", reason: 'requires "a", which failed' },
        ok("d"),
      ),
    );
    assert.equal(
      error?.message,
      '2 of 4 artifacts failed to build:\n - a: boom\n - b: plain text\ncancelled:\n - c: requires "a", which failed',
    );
    assert.equal(error?.kind, "external");
  });

  it("reports a cancelled run as such", () => {
    const error = scheduleFailure(result({ image: "a", status: "cancelled", reason: "interrupted" }));
    assert.deepEqual(
      [error?.code, error?.message],
      ["BUILD_CANCELLED", "build cancelled:\n - a: interrupted"],
    );
  });
});
