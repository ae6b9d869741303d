import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { flagValue, parseDockerfile } from "./parse.js";

describe("Dockerfile parsing", () => {
  it("reads keywords, flags, JSON form, continuations and line numbers", () => {
    const parsed = parseDockerfile(
      [
        "# syntax=docker/dockerfile:1",
        "FROM --platform=$BUILDPLATFORM golang:1.22 AS build",
        "  # an indented comment",
        "copy --chown=1000:1000 --link go.mod \\",
        "  # a comment inside a continuation",
        "",
        "     main.go ./",
        'COPY ["a b.txt", "/dst/"]',
        "RUN --mount=type=bind,source=x,target=/x make",
      ].join("\n"),
    );
    assert.equal(parsed.escape, "\\");
    assert.deepEqual(
      parsed.instructions.map((i) => [i.keyword, i.flags, i.args, i.startLine, i.endLine]),
      [
        ["from", ["--platform=$BUILDPLATFORM"], "golang:1.22 AS build", 2, 2],
        ["copy", ["--chown=1000:1000", "--link"], "go.mod      main.go ./", 4, 7],
        ["copy", [], '["a b.txt", "/dst/"]', 8, 8],
        ["run", ["--mount=type=bind,source=x,target=/x"], "make", 9, 9],
      ],
    );
    assert.deepEqual(parsed.instructions[2]?.json, ["a b.txt", "/dst/"]);
    assert.equal(flagValue(parsed.instructions[1]?.flags ?? [], "chown"), "1000:1000");
    assert.equal(flagValue(parsed.instructions[1]?.flags ?? [], "link"), "");
    assert.equal(flagValue(parsed.instructions[1]?.flags ?? [], "from"), undefined);
  });

  it("honours the escape directive (backtick, as on Windows)", () => {
    const parsed = parseDockerfile("# escape=`\nFROM x\nCOPY a `\n  b c:\\dst\\\n");
    assert.equal(parsed.escape, "`");
    assert.equal(parsed.instructions[1]?.args, "a   b c:\\dst\\");
  });

  it("stops reading directives at the first other line", () => {
    const parsed = parseDockerfile("FROM x\n# escape=`\nCOPY a \\\n b /\n");
    assert.equal(parsed.escape, "\\");
    assert.equal(parsed.instructions[1]?.args, "a  b /");
  });

  it("consumes heredoc bodies instead of reading them as instructions", () => {
    const parsed = parseDockerfile(
      [
        "FROM busybox",
        "COPY <<EOF /etc/motd",
        "FROM not-an-instruction",
        "EOF",
        "RUN <<-'SCRIPT' cat <<DATA",
        "\techo hi",
        "\tSCRIPT",
        "COPY x /y",
        "DATA",
        "COPY real /z",
      ].join("\n"),
    );
    assert.deepEqual(
      parsed.instructions.map((i) => [i.keyword, i.args]),
      [
        ["from", "busybox"],
        ["copy", "<<EOF /etc/motd"],
        ["run", "<<-'SCRIPT' cat <<DATA"],
        ["copy", "real /z"],
      ],
    );
    assert.deepEqual(parsed.instructions[1]?.heredocs, [
      { name: "EOF", content: "FROM not-an-instruction\n" },
    ]);
    assert.deepEqual(parsed.instructions[2]?.heredocs, [
      { name: "SCRIPT", content: "echo hi\n" },
      { name: "DATA", content: "COPY x /y\n" },
    ]);
  });

  it("reports an unterminated heredoc and a bad escape directive", () => {
    assert.throws(() => parseDockerfile("FROM x\nRUN <<EOF\necho\n"), /unterminated heredoc EOF/);
    assert.throws(() => parseDockerfile("# escape=x\nFROM x\n"), /invalid escape token/);
  });
});
