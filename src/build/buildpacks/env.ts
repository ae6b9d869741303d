/**
 * The build-time environment of a buildpacks build (what goes to `/platform/env`), as Skaffold computes it
 * (`build/buildpacks/env.go`): the artifact's `env` (each value a template over the environment), then in dev
 * mode with auto sync `GOOGLE_DEVMODE=1` — and, beyond Skaffold, `BP_LIVE_RELOAD_ENABLED=true`, the switch of
 * Paketo's live reload — then the project descriptor's build env on top, and in debug mode
 * `GOOGLE_GOGCFLAGS=all=-N -l` unless set.
 */
import { renderTemplate, templateData } from "../../config/template/index.js";
import { userError } from "../../errors/errors.js";
import type { RunMode } from "../types.js";

/** What the environment depends on. */
export interface BuildpacksEnvInputs {
  /** The artifact's `buildpacks.env` entries (`KEY=value`, templated). */
  readonly env: readonly string[];
  readonly mode: RunMode;
  /** Whether the artifact syncs automatically (`sync.auto`, true by default for buildpacks). */
  readonly autoSync: boolean;
  /** The project descriptor's `[[build.env]]`. */
  readonly projectEnv: Readonly<Record<string, string>>;
  /** The environment templates see. */
  readonly processEnv: Readonly<Record<string, string | undefined>>;
}

/** Dev-mode variables: Google's buildpacks emit devmode.sync rules and restart on change; Paketo reloads. */
export const DEV_MODE_ENV: Readonly<Record<string, string>> = {
  GOOGLE_DEVMODE: "1",
  BP_LIVE_RELOAD_ENABLED: "true",
};

/** Debug-mode variables: Go built without optimisations. */
export const DEBUG_MODE_ENV: Readonly<Record<string, string>> = { GOOGLE_GOGCFLAGS: "all=-N -l" };

/** The platform environment, by name. */
export function buildpacksEnv(inputs: BuildpacksEnvInputs): Record<string, string> {
  const out: Record<string, string> = {};
  const data = templateData({}, inputs.processEnv);
  for (const entry of inputs.env) {
    const eq = entry.indexOf("=");
    if (eq <= 0) {
      throw userError(
        "BUILDPACKS_BAD_ENV",
        `buildpacks.env entry ${JSON.stringify(entry)} is not KEY=value`,
        "Write each entry as NAME=value.",
      );
    }
    const name = entry.slice(0, eq);
    try {
      out[name] = renderTemplate(entry.slice(eq + 1), data, { env: inputs.processEnv });
    } catch (error) {
      if (error instanceof Error) error.message = `buildpacks.env ${name}: ${error.message}`;
      throw error;
    }
  }
  if (inputs.mode === "dev" && inputs.autoSync) {
    for (const [name, value] of Object.entries(DEV_MODE_ENV)) out[name] ??= value;
  }
  Object.assign(out, inputs.projectEnv);
  if (inputs.mode === "debug") {
    for (const [name, value] of Object.entries(DEBUG_MODE_ENV)) out[name] ??= value;
  }
  return out;
}
