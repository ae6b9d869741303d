/**
 * Build args as Skaffold evaluates them (`pkg/skaffold/docker/build_args.go`): `SKAFFOLD_RUN_MODE` (and in
 * debug `SKAFFOLD_GO_GCFLAGS`) plus required artifacts by alias, kept only when the Dockerfile declares them;
 * then the artifact's `buildArgs`; every value is a Go template over the environment and IMAGE_REPO, IMAGE_NAME
 * and IMAGE_TAG. A `null` value takes the variable from the environment, as `docker build --build-arg NAME` does.
 */
import { renderTemplate, templateData } from "../../config/template/index.js";
import { parseImageReference } from "../tag/reference.js";
import { runCommandSync } from "../../proc/exec.js";
import type { RunMode } from "../types.js";

/** Build args added in debug mode (when declared): Go builds without optimisations, for the debugger. */
export const DEBUG_BUILD_ARGS: Readonly<Record<string, string>> = { SKAFFOLD_GO_GCFLAGS: "all=-N -l" };

/**
 * IMAGE_REPO, IMAGE_NAME and IMAGE_TAG of a reference, Skaffold's `docker.EnvTags`: `localhost:5000/app:v1` →
 * `localhost:5000`, `app`, `v1`; no tag means `latest`. As in Skaffold, a one-component name (`app`) gives an
 * empty IMAGE_REPO and IMAGE_NAME.
 */
export function imageEnvTags(ref: string): Record<"IMAGE_REPO" | "IMAGE_NAME" | "IMAGE_TAG", string> {
  const parsed = parseImageReference(ref);
  return { IMAGE_REPO: parsed.repo, IMAGE_NAME: parsed.name, IMAGE_TAG: parsed.tag || "latest" };
}

/** What build-arg evaluation reads. */
export interface BuildArgInputs {
  /** The artifact's `docker.buildArgs`. */
  readonly buildArgs?: Readonly<Record<string, string | null>>;
  readonly mode: RunMode;
  /** The reference being built (for IMAGE_REPO, IMAGE_NAME, IMAGE_TAG). */
  readonly tag: string;
  /** Built references of required artifacts, by alias. */
  readonly dependencies: ReadonlyMap<string, string>;
  /** ARG names the Dockerfile declares; automatic args it does not declare are left out. */
  readonly declaredArgs: ReadonlySet<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory of the template `cmd` function. */
  readonly cwd?: string;
}

/** The evaluated build args; `null` means "declared, no value" (the Dockerfile's default applies). */
export function evaluateBuildArgs(inputs: BuildArgInputs): Record<string, string | null> {
  const automatic: Record<string, string> = { SKAFFOLD_RUN_MODE: inputs.mode };
  if (inputs.mode === "debug") Object.assign(automatic, DEBUG_BUILD_ARGS);
  for (const [alias, ref] of inputs.dependencies) automatic[alias] = ref;
  const args: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(automatic)) if (inputs.declaredArgs.has(key)) args[key] = value;
  Object.assign(args, inputs.buildArgs ?? {});

  const data = templateData(imageEnvTags(inputs.tag), inputs.env);
  const options = {
    env: inputs.env,
    runCommand: (name: string, argv: readonly string[]) => runCommandSync(name, argv, inputs.cwd),
  };
  const out: Record<string, string | null> = {};
  for (const key of Object.keys(args).sort()) {
    const value = args[key];
    if (value === null || value === undefined) {
      out[key] = inputs.env[key] ?? null;
      continue;
    }
    try {
      out[key] = renderTemplate(value, data, options);
    } catch (error) {
      if (error instanceof Error) error.message = `build arg ${key}: ${error.message}`;
      throw error;
    }
  }
  return out;
}
