/** Lifecycle exit codes (lifecycle `platform/exit.go`) turned into Trestle errors with a hint. */
import { TrestleError } from "../../errors/errors.js";
import type { Phase } from "./phases.js";

/** What an error message names. */
export interface FailureContext {
  readonly image: string;
  readonly phase: Phase;
  readonly exitCode: number;
  /** The buildpacks detection tried (`id@version`), for detect failures. */
  readonly tried: readonly string[];
  /** The last lines the phase printed. */
  readonly lastLines: readonly string[];
}

const DETECT_FAILED = new Set([20, 21, 100]);

/** The error for a lifecycle container that exited non-zero. */
export function lifecycleError(ctx: FailureContext): TrestleError {
  const tail = ctx.lastLines
    .filter((l) => l.trim() !== "")
    .slice(-3)
    .join(" | ");
  const said = tail === "" ? "" : `: ${tail}`;
  if (DETECT_FAILED.has(ctx.exitCode) && (ctx.phase === "detector" || ctx.phase === "creator")) {
    return new TrestleError(
      `building ${ctx.image}: no buildpack group passed detection; buildpacks tried: ${ctx.tried.join(", ") || "(the builder lists none)"}`,
      {
        kind: "user",
        code: "BUILDPACKS_DETECT_FAILED",
        hint: "Check that the artifact's context is the app's folder, or pick a builder (buildpacks.builder) or buildpacks (buildpacks.buildpacks) for this language.",
      },
    );
  }
  const known: Record<number, [string, string]> = {
    3: ["BUILDPACKS_INVALID_ARGS", "the lifecycle reported invalid arguments"],
    11: ["BUILDPACKS_PLATFORM_API", "the lifecycle does not support the Platform API Trestle chose"],
    12: ["BUILDPACKS_BUILDPACK_API", "a buildpack uses a Buildpack API the lifecycle does not support"],
    51: ["BUILDPACKS_BUILD_FAILED", "a buildpack's bin/build failed"],
    62: ["BUILDPACKS_EXPORT_FAILED", "exporting the image failed"],
  };
  const [code, what] = known[ctx.exitCode] ?? [
    "BUILDPACKS_LIFECYCLE_FAILED",
    `the ${ctx.phase} phase failed with status code ${ctx.exitCode}`,
  ];
  return new TrestleError(`building ${ctx.image}: ${what} (${ctx.phase}, exit ${ctx.exitCode})${said}`, {
    kind: "user",
    code,
    hint: "The lifecycle's output above, prefixed with the phase, shows what went wrong.",
  });
}
