import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Artifact } from "../config/schema/index.js";
import { buildInOrder } from "./scheduler.js";
import type { BuildEvent, ScheduleOptions, ScheduledArtifact } from "./scheduler.js";
import type { ArtifactBuilder, BuildRequest, BuiltImage } from "./types.js";

type Behaviour = (request: BuildRequest) => Promise<BuiltImage>;

/** A builder whose behaviour per image is scripted; it records requests and the peak of concurrent builds. */
class FakeBuilder implements ArtifactBuilder {
  readonly requests: BuildRequest[] = [];
  readonly finished: string[] = [];
  active = 0;
  peak = 0;

  constructor(private readonly behaviours: Record<string, Behaviour> = {}) {}

  async build(request: BuildRequest): Promise<BuiltImage> {
    this.requests.push(request);
    this.peak = Math.max(this.peak, ++this.active);
    try {
      const behaviour = this.behaviours[request.artifact.image] ?? succeed();
      return await behaviour(request);
    } finally {
      this.active--;
      this.finished.push(request.artifact.image);
    }
  }

  request(image: string): BuildRequest | undefined {
    return this.requests.find((r) => r.artifact.image === image);
  }
}

const tick = (ms = 1) => new Promise((resolve) => setTimeout(resolve, ms));
const succeed =
  (ms = 1): Behaviour =>
  async (request) => {
    request.output(`building ${request.tag}`);
    await tick(ms);
    return { reference: `${request.tag}@sha256:${"0".repeat(64)}` };
  };
const fail =
  (message: string, ms = 1): Behaviour =>
  async () => {
    await tick(ms);
    throw new Error(message);
  };
/** Runs until cancelled, then rejects as a real build would. */
const untilAborted: Behaviour = (request) =>
  new Promise((_resolve, reject) => {
    request.signal.addEventListener("abort", () => {
      reject(new Error("aborted"));
    });
  });

const item = (image: string, ...requires: (string | [string, string])[]): ScheduledArtifact => {
  const artifact: Artifact = {
    image,
    requires: requires.map((r) => (typeof r === "string" ? { image: r } : { image: r[0], alias: r[1] })),
  };
  return { artifact, workspace: `/ws/${image}`, tag: `${image}:v1`, platforms: [] };
};

function run(items: ScheduledArtifact[], builder: ArtifactBuilder, extra: Partial<ScheduleOptions> = {}) {
  const lines: string[] = [];
  const events: BuildEvent[] = [];
  const options: ScheduleOptions = {
    builder,
    concurrency: 0,
    push: false,
    mode: "build",
    env: {},
    output: (image, line) => lines.push(`${image}| ${line}`),
    onEvent: (event) => events.push(event),
    ...extra,
  };
  return buildInOrder(items, options).then((result) => ({ result, lines, events }));
}

const statuses = (outcomes: readonly { image: string; status: string }[]) =>
  Object.fromEntries(outcomes.map((o) => [o.image, o.status]));

describe("buildInOrder", () => {
  it("builds required artifacts first and hands their references over by alias", async () => {
    const builder = new FakeBuilder();
    const items = [item("app", ["base", "BASE_IMAGE"], "lib"), item("lib", "base"), item("base")];
    const { result } = await run(items, builder);
    assert.ok(result.ok);
    assert.deepEqual(builder.finished, ["base", "lib", "app"]);
    const app = builder.request("app");
    assert.deepEqual(Object.fromEntries(app?.dependencies ?? []), {
      BASE_IMAGE: `base:v1@sha256:${"0".repeat(64)}`,
      lib: `lib:v1@sha256:${"0".repeat(64)}`,
    });
    assert.deepEqual(
      result.outcomes.map((o) => o.image),
      ["app", "lib", "base"],
      "outcomes follow the given order",
    );
  });

  it("passes the shared request fields and the sanitised tag", async () => {
    const builder = new FakeBuilder();
    const scheduled = { ...item("x"), tag: "ko://github.com/Org/App:v1", platforms: ["linux/arm64"] };
    await run([scheduled], builder, { push: true, mode: "debug", env: { A: "1" } });
    const request = builder.request("x");
    assert.equal(request?.tag, "github.com/org/app:v1");
    assert.deepEqual(
      [request?.push, request?.mode, request?.env, request?.platforms],
      [true, "debug", { A: "1" }, ["linux/arm64"]],
    );
    assert.equal(request?.workspace, "/ws/x");
  });

  it("takes references of artifacts not built in this run from `previous`", async () => {
    const builder = new FakeBuilder();
    await run([item("app", "base")], builder, { previous: new Map([["base", "base:old@sha256:1"]]) });
    assert.deepEqual(Object.fromEntries(builder.request("app")?.dependencies ?? []), {
      base: "base:old@sha256:1",
    });
  });

  for (const [limit, expected] of [
    [1, 1],
    [2, 2],
    [0, 6],
  ] as const) {
    it(`runs independent builds in parallel up to the limit (${limit})`, async () => {
      const builder = new FakeBuilder(
        Object.fromEntries(["a", "b", "c", "d", "e", "f"].map((i) => [i, succeed(5)])),
      );
      const { result } = await run(
        ["a", "b", "c", "d", "e", "f"].map((i) => item(i)),
        builder,
        { concurrency: limit },
      );
      assert.ok(result.ok);
      assert.equal(builder.peak, expected);
    });
  }

  it("streams each line with its image", async () => {
    const builder = new FakeBuilder();
    const { lines, events } = await run([item("a"), item("b")], builder);
    assert.deepEqual(lines.sort(), ["a| building a:v1", "b| building b:v1"]);
    assert.deepEqual(events.map((e) => `${e.type} ${e.image}`).sort(), [
      "start a",
      "start b",
      "success a",
      "success b",
    ]);
  });

  it("fails fast by default, as Skaffold: running builds are cancelled, the rest never start", async () => {
    const builder = new FakeBuilder({ base: fail("no space left"), other: untilAborted });
    const items = [item("base"), item("other"), item("app", "base"), item("late")];
    const { result } = await run(items, builder, { concurrency: 2 });
    assert.equal(result.ok, false);
    assert.deepEqual(statuses(result.outcomes), {
      base: "failed",
      other: "cancelled",
      app: "cancelled",
      late: "cancelled",
    });
    const reasons = Object.fromEntries(
      result.outcomes.flatMap((o) => (o.status === "cancelled" ? [[o.image, o.reason]] : [])),
    );
    assert.deepEqual(reasons, {
      other: 'the build of "base" failed',
      app: 'the build of "base" failed',
      late: 'the build of "base" failed',
    });
    assert.deepEqual(builder.requests.map((r) => r.artifact.image).sort(), ["base", "other"]);
  });

  it("without fail-fast, cancels only what requires the failure and builds the rest", async () => {
    const builder = new FakeBuilder({ base: fail("no space left"), other: succeed(10) });
    const items = [item("base"), item("lib", "base"), item("app", "lib"), item("other")];
    const { result } = await run(items, builder, { failFast: false });
    assert.deepEqual(statuses(result.outcomes), {
      base: "failed",
      lib: "cancelled",
      app: "cancelled",
      other: "succeeded",
    });
    const reason = (image: string) => {
      const outcome = result.outcomes.find((o) => o.image === image);
      return outcome?.status === "cancelled" ? outcome.reason : "";
    };
    assert.equal(reason("lib"), 'requires "base", which failed');
    assert.equal(reason("app"), 'requires "lib", which was cancelled');
    const failed = result.outcomes.find((o) => o.image === "base");
    assert.equal(failed?.status === "failed" ? (failed.error as Error).message : "", "no space left");
  });

  it("reports a builder that throws synchronously as a failure", async () => {
    const throwing: ArtifactBuilder = {
      build: () => {
        throw new Error("bad config");
      },
    };
    const { result } = await run([item("a")], throwing);
    assert.deepEqual(statuses(result.outcomes), { a: "failed" });
  });

  it("cancels everything when the caller aborts", async () => {
    const controller = new AbortController();
    const builder = new FakeBuilder({ a: untilAborted });
    const pending = run([item("a"), item("b", "a")], builder, { signal: controller.signal });
    await tick();
    controller.abort();
    const { result } = await pending;
    assert.deepEqual(result.outcomes, [
      { image: "a", status: "cancelled", reason: "interrupted" },
      { image: "b", status: "cancelled", reason: "interrupted" },
    ]);
  });

  it("does nothing for no artifacts, and rejects the same image twice or a cycle", async () => {
    const { result } = await run([], new FakeBuilder());
    assert.deepEqual(result, { outcomes: [], ok: true });
    await assert.rejects(run([item("a"), item("a")], new FakeBuilder()), { code: "BUILD_DUPLICATE" });
    await assert.rejects(run([item("a", "b"), item("b", "a")], new FakeBuilder()), {
      code: "BUILD_DEPENDENCY_CYCLE",
    });
  });
});
