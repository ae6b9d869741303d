/**
 * The `docker` CLI, for what the raw Engine API cannot do here: BuildKit builds (secrets, ssh, `useBuildkit`,
 * multi-platform), which need the CLI's gRPC session with the daemon, and user-supplied `cliFlags`.
 * Runs through `proc/exec`, so output arrives when the command finishes.
 */
import { TrestleError, isTrestleError } from "../errors/errors.js";
import type { Exec } from "../proc/exec.js";
import type { LineSink } from "./types.js";

/** Options of one `docker` invocation. */
export interface DockerCliOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly output: LineSink;
  readonly signal?: AbortSignal;
}

/** Runs `docker build`; a failure names the failing step and the CLI's error message. */
export interface DockerCli {
  build(args: readonly string[], options: DockerCliOptions): Promise<void>;
}

const LEGACY_STEP = /^Step (\d+\/\d+) : (.*)$/;
const BUILDKIT_STEP = /^#\d+ \[([^\]]+)\] (.*)$/;

/** The last step the output mentions, as `3/5 (RUN make)` or `build 2/4 (RUN make)`. */
export function lastStep(lines: readonly string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? "";
    const match = LEGACY_STEP.exec(line) ?? BUILDKIT_STEP.exec(line);
    if (match) return `${match[1] ?? ""} (${match[2] ?? ""})`;
  }
  return undefined;
}

/** The CLI's error: the last `ERROR`/`error` line, else the last non-empty line of stderr. */
export function cliErrorMessage(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const error = [...lines]
    .reverse()
    .find((l) => /^(ERROR|error)\b/.test(l) || /returned a non-zero code/.test(l));
  return error ?? lines.at(-1) ?? "docker build failed";
}

/** The `docker` CLI through `exec` (`command` defaults to `docker` on PATH). */
export function dockerCli(exec: Exec, command = "docker"): DockerCli {
  return {
    async build(args, options) {
      const lines: string[] = [];
      let result;
      try {
        result = await exec.run(command, ["build", ...args], {
          env: options.env,
          onLine: (line) => {
            lines.push(line);
            options.output(line);
          },
          ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
      } catch (error) {
        if (isTrestleError(error) && error.code === "TOOL_NOT_FOUND") {
          throw new TrestleError(error.message, {
            kind: "external",
            code: "DOCKER_CLI_NOT_FOUND",
            hint: "Install the docker CLI, or drop useDockerCLI, useBuildkit, cliFlags, secrets and ssh so the Engine API is used.",
            cause: error,
          });
        }
        throw error;
      }
      if (result.code === 0) return;
      const message = cliErrorMessage(result.stderr);
      if (/buildx component is missing/.test(result.stderr)) {
        throw new TrestleError(`docker build needs BuildKit, which this docker CLI lacks: ${message}`, {
          kind: "external",
          code: "DOCKER_BUILDX_MISSING",
          hint: "Install the docker buildx plugin, or avoid what needs BuildKit (secrets, ssh, other platforms, useBuildkit).",
        });
      }
      const step = lastStep(lines);
      throw new TrestleError(
        `docker build failed${step === undefined ? "" : ` at step ${step}`}: ${message}`,
        {
          kind: "user",
          code: "DOCKER_BUILD_FAILED",
          hint: "Fix the Dockerfile (the build output above shows the failing step's logs), then build again.",
        },
      );
    },
  };
}
