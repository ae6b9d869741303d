import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDockerfile } from "./parse.js";
import { contextPath, evaluateStages, type EvaluateOptions } from "./stages.js";

function evaluate(text: string, options: EvaluateOptions = {}) {
  return evaluateStages(parseDockerfile(text), options);
}

function copies(text: string, options: EvaluateOptions = {}) {
  return evaluate(text, options).stages.map((s) => s.copies.map((c) => [c.sources, c.dest, c.destIsDir]));
}

describe("Dockerfile stages", () => {
  it("scopes global ARGs to FROM lines and stages that re-declare them", () => {
    const result = evaluate(
      [
        "ARG BASE=busybox",
        "ARG VERSION=1.36",
        "ARG SRC=global.txt",
        "FROM ${BASE}:${VERSION} AS one",
        "COPY $SRC /a/",
        "ARG SRC",
        "COPY $SRC /b/",
        "FROM one",
        "COPY ${SRC:-unset.txt} /c",
      ].join("\n"),
    );
    assert.deepEqual(
      result.stages.map((s) => [s.name, s.base, s.baseIsStage]),
      [
        ["one", "busybox:1.36", false],
        [undefined, "one", true],
      ],
    );
    assert.deepEqual(
      result.stages.map((s) => s.copies.map((c) => c.sources)),
      [[["."], ["global.txt"]], [["unset.txt"]]],
    );
    assert.deepEqual([...result.declaredArgs].sort(), ["BASE", "SRC", "VERSION"]);
  });

  it("prefers build args over defaults, and ENV over ARG", () => {
    const text = "FROM x\nARG FILE=default.txt\nCOPY $FILE /\nENV FILE=env.txt\nCOPY $FILE /\n";
    assert.deepEqual(copies(text, { buildArgs: { FILE: "given.txt" } }), [
      [
        [["given.txt"], "/", true],
        [["env.txt"], "/", true],
      ],
    ]);
    assert.deepEqual(copies(text, { buildArgs: { FILE: null } })[0]?.[0], [["default.txt"], "/", true]);
  });

  it("expands FROM with build args for required artifacts, tolerating a missing one", () => {
    const text =
      "ARG BACKEND_IMAGE\nFROM ${BACKEND_IMAGE} AS backend\nFROM node\nCOPY --from=backend /x /x\n";
    assert.deepEqual(
      evaluate(text, { buildArgs: { BACKEND_IMAGE: "localhost:5000/b:1" } }).stages.map((s) => s.base),
      ["localhost:5000/b:1", "node"],
    );
    assert.deepEqual(
      evaluate(text).stages.map((s) => s.base),
      ["", "node"],
    );
  });

  it("resolves destinations against WORKDIR, ENV and the base image's WORKDIR", () => {
    const text = [
      "FROM base AS build",
      "ENV foo=bar",
      "WORKDIR ${foo}",
      "COPY a .",
      "WORKDIR sub",
      "COPY b c/",
      "COPY c /abs",
      "FROM build",
      "COPY d ..",
      "FROM scratch",
      "COPY e f",
    ].join("\n");
    assert.deepEqual(copies(text, { baseWorkdir: (image) => (image === "base" ? "/srv" : undefined) }), [
      [
        [["a"], "/srv/bar", true],
        [["b"], "/srv/bar/sub/c", true],
        [["c"], "/abs", false],
      ],
      [[["d"], "/srv/bar", true]],
      [[["e"], "/f", false]],
    ]);
  });

  it("skips --from copies, remote and heredoc sources, and keeps bind mounts from the context", () => {
    const text = [
      "FROM golang AS build",
      "COPY --from=0 /x /y",
      "ADD https://example.com/a.tgz /tmp/",
      "ADD git@github.com:org/repo.git /src",
      "COPY <<EOF /etc/conf",
      "hello",
      "EOF",
      "COPY <<EOF local.txt /both/",
      "x",
      "EOF",
      "RUN --mount=type=bind,source=go.sum,target=/go.sum --mount=type=cache,target=/c go build",
      "RUN --mount=type=bind,target=/src --mount=type=bind,from=build,source=/x,target=/y true",
      "ONBUILD COPY onbuild.txt /",
    ].join("\n");
    const [stage] = evaluate(text).stages;
    assert.deepEqual(
      stage?.copies.map((c) => [c.sources, c.dest]),
      [[["local.txt"], "/both"]],
    );
    assert.deepEqual(stage?.mounts, ["go.sum", "."]);
  });

  it("handles JSON form, multiple ARGs on one line and legacy ENV", () => {
    const text = 'FROM x\nARG A=a.txt B=b.txt\nENV DIR /opt/app dir\nCOPY ["$A", "${B}", "$DIR/"]\n';
    assert.deepEqual(copies(text), [[[["a.txt", "b.txt"], "/opt/app dir", true]]]);
  });

  it("keeps sources inside the context", () => {
    for (const [source, expected] of [
      ["/abs/x", "abs/x"],
      ["./a/../b/", "b"],
      ["../../escape", "escape"],
      [".", "."],
      ["/", "."],
    ] as const) {
      assert.equal(contextPath(source), expected, source);
    }
  });

  it("reports instructions before FROM and COPY without a destination", () => {
    assert.throws(() => evaluate("COPY a /b\n"), /COPY before the first FROM/);
    assert.throws(() => evaluate("FROM x\nCOPY a\n"), /line 2: COPY requires a source and a destination/);
  });
});
