import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { externalError } from "../errors/errors.js";
import type { Exec, ExecResult } from "../proc/exec.js";
import { fakeExec as scriptedExec } from "../proc/fake-exec.js";
import { cliErrorMessage, dockerCli, lastStep } from "./cli.js";

function fakeExec(result: ExecResult | Error, calls: unknown[][] = []): Exec {
  return scriptedExec(({ command, args, options }) => {
    calls.push([command, args, options?.env?.["DOCKER_BUILDKIT"]]);
    return result;
  }).exec;
}

describe("docker CLI builds", () => {
  it("finds the failing step in classic and BuildKit output", () => {
    assert.equal(lastStep(["Step 1/3 : FROM x", " ---> 1", "Step 2/3 : RUN make", "boom"]), "2/3 (RUN make)");
    assert.equal(
      lastStep(["#5 [build 2/4] COPY . .", "#6 [build 3/4] RUN go build", "#6 ERROR"]),
      "build 3/4 (RUN go build)",
    );
    assert.equal(lastStep(["no steps"]), undefined);
  });

  it("picks the CLI's error line", () => {
    assert.equal(
      cliErrorMessage(
        '#6 0.2 oops\nERROR: failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1\n',
      ),
      'ERROR: failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1',
    );
    assert.equal(
      cliErrorMessage("The command '/bin/sh -c false' returned a non-zero code: 1\n"),
      "The command '/bin/sh -c false' returned a non-zero code: 1",
    );
    assert.equal(cliErrorMessage("last words\n\n"), "last words");
  });

  it("streams output and reports a failed build with its step", async () => {
    const lines: string[] = [];
    const calls: unknown[][] = [];
    const cli = dockerCli(
      fakeExec(
        {
          code: 1,
          stdout: "Step 1/2 : FROM x\nStep 2/2 : RUN false\n",
          stderr: "The command '/bin/sh -c false' returned a non-zero code: 1\n",
        },
        calls,
      ),
    );
    await assert.rejects(
      cli.build(["ctx", "-t", "img"], { env: { DOCKER_BUILDKIT: "0" }, output: (l) => lines.push(l) }),
      {
        code: "DOCKER_BUILD_FAILED",
        message:
          "docker build failed at step 2/2 (RUN false): The command '/bin/sh -c false' returned a non-zero code: 1",
      },
    );
    assert.deepEqual(calls, [["docker", ["build", "ctx", "-t", "img"], "0"]]);
    assert.equal(lines.length, 3);
  });

  it("says when the CLI cannot do BuildKit", async () => {
    const stderr = "ERROR: BuildKit is enabled but the buildx component is missing or broken.\n";
    const cli = dockerCli(fakeExec({ code: 1, stdout: "", stderr }));
    await assert.rejects(cli.build([], { env: {}, output: () => undefined }), {
      code: "DOCKER_BUILDX_MISSING",
    });
  });

  it("says how to do without the CLI when it is missing", async () => {
    const cli = dockerCli(fakeExec(externalError("TOOL_NOT_FOUND", "'docker' was not found on PATH")));
    await assert.rejects(cli.build([], { env: {}, output: () => undefined }), {
      code: "DOCKER_CLI_NOT_FOUND",
    });
  });
});
