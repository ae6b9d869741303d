/**
 * `go build` as ko runs it: `go build [flags] [-trimpath | -gcflags all=-N -l] [-gcflags=…] [-ldflags=…]
 * -o <out> <pkg>` with `CGO_ENABLED=0` (unless set) and the platform's GOOS/GOARCH (and GOARM/GOAMD64 from its variant).
 * Unlike ko, a GOOS/GOARCH in the ambient environment does not override the target platform; the
 * artifact's `env` still may. `-toolexec` is refused, as ko refuses it.
 */
import { userError } from "../../errors/errors.js";
import type { Exec } from "../../proc/exec.js";
import type { Platform } from "../../oci/model.js";
import { formatPlatform } from "../../oci/platform.js";

/** Everything one `go build` needs. */
export interface GoBuildInput {
  readonly goBinary: string;
  readonly workingDir: string;
  /** The package to build: an import path, or a pattern relative to `workingDir` such as `./cmd/app`. */
  readonly target: string;
  readonly platform: Platform;
  /** The ambient environment (PATH, HOME, GOPATH…). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The artifact's `KEY=value` build environment (already templated). */
  readonly buildEnv: readonly string[];
  readonly flags: readonly string[];
  readonly ldflags: readonly string[];
  /** Compiler flags (`ko.gcflags`), joined into one `-gcflags`. */
  readonly gcflags: readonly string[];
  /** Debug builds keep optimisations and inlining off and paths untrimmed, as Skaffold does. */
  readonly debug: boolean;
  readonly output: string;
  readonly signal?: AbortSignal;
}

function refuseToolexec(values: readonly string[], where: string): void {
  const bad = values.find((v) => /^--?toolexec(=|$)/.test(v));
  if (bad !== undefined)
    throw userError("KO_TOOLEXEC", `${where} may not set ${bad}`, "Remove -toolexec; ko builds refuse it.");
}

/** A `-gcflags` value that starts with a package pattern (`all=…`, `./...=…`) rather than a flag. */
const PATTERN = /^[^-=\s][^=\s]*=/;

/**
 * `-trimpath` or debug's `-gcflags all=-N -l`, and the artifact's gcflags. In debug mode `-N -l` must reach
 * every package, and for each package `go build` uses the last `-gcflags` that matches it: plain flags are
 * appended to `all=-N -l` (so they then apply to all packages), and flags with their own pattern come
 * first so that `all=-N -l` wins over them.
 */
export function gcflagArgs(gcflags: readonly string[], debug: boolean): string[] {
  const joined = gcflags.join(" ");
  if (!debug) return ["-trimpath", ...(joined === "" ? [] : [`-gcflags=${joined}`])];
  if (joined === "") return ["-gcflags", "all=-N -l"];
  if (PATTERN.test(joined)) return [`-gcflags=${joined}`, "-gcflags", "all=-N -l"];
  return ["-gcflags", `all=-N -l ${joined}`];
}

/** The arguments after `go`. */
export function goBuildArgs(
  input: Pick<GoBuildInput, "flags" | "ldflags" | "gcflags" | "debug" | "output" | "target">,
): string[] {
  refuseToolexec(input.flags, "ko.flags");
  const args = ["build", ...input.flags];
  args.push(...gcflagArgs(input.gcflags, input.debug));
  if (input.ldflags.length > 0) args.push(`-ldflags=${input.ldflags.join(" ")}`);
  args.push("-o", input.output, input.target);
  return args;
}

/** The environment of `go build` for a platform. */
export function goBuildEnv(
  platform: Platform,
  env: Readonly<Record<string, string | undefined>>,
  buildEnv: readonly string[],
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  out["CGO_ENABLED"] = env["CGO_ENABLED"] ?? "0";
  out["GOOS"] = platform.os;
  out["GOARCH"] = platform.architecture;
  delete out["GOARM"];
  delete out["GOAMD64"];
  const variant = platform.variant;
  if (variant !== undefined && variant !== "") {
    if (platform.architecture === "arm") out["GOARM"] = variant.replace(/^v/, "");
    if (platform.architecture === "amd64") out["GOAMD64"] = variant;
  }
  for (const entry of buildEnv) {
    const eq = entry.indexOf("=");
    if (eq <= 0)
      throw userError(
        "KO_ENV_INVALID",
        `ko.env entry "${entry}" is not KEY=value`,
        "Write each entry as KEY=value.",
      );
    out[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  refuseToolexec((out["GOFLAGS"] ?? "").split(/\s+/), "GOFLAGS");
  return out;
}

/** Runs `go build`; its output lines go to `log` as the compiler prints them. */
export async function goBuild(exec: Exec, input: GoBuildInput, log: (line: string) => void): Promise<void> {
  const result = await exec.run(input.goBinary, goBuildArgs(input), {
    cwd: input.workingDir,
    env: goBuildEnv(input.platform, input.env, input.buildEnv),
    onLine: (line) => {
      if (line !== "") log(line);
    },
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  });
  if (result.code !== 0) {
    // The whole output has streamed already; the message repeats the first errors for the summary.
    const errors = result.stderr
      .split("\n")
      .filter((l) => l.trim() !== "" && !l.startsWith("#"))
      .slice(0, 10);
    throw userError(
      "KO_GO_BUILD_FAILED",
      `go build ${input.target} for ${formatPlatform(input.platform)} failed (exit ${result.code}):\n${errors.join("\n")}`,
      "Fix the compile error; `go build` in the same directory reproduces it.",
      1,
    );
  }
}
