/** Running the external renderers (kustomize, kubectl, helm, kpt) through the one process door. */
import { externalError, isTrestleError } from "../errors/errors.js";
import type { Exec, ExecOptions } from "../proc/exec.js";

/** Runs `command args`, returning stdout; a missing tool or a non-zero exit is an external error. */
export async function runTool(
  exec: Exec,
  command: string,
  args: readonly string[],
  what: string,
  options: ExecOptions = {},
): Promise<string> {
  const result = await exec.run(command, args, options).catch((error: unknown) => {
    if (isTrestleError(error) && error.code === "TOOL_NOT_FOUND") {
      throw externalError(
        "RENDER_TOOL_NOT_FOUND",
        `${what}: '${command}' was not found on PATH`,
        `Install ${command} (or add it to PATH) to render this part of the configuration.`,
        error,
      );
    }
    throw error;
  });
  if (result.code !== 0) {
    const detail = (result.stderr.trim() || result.stdout.trim()).split("\n").slice(-20).join("\n");
    throw externalError(
      "RENDER_TOOL_FAILED",
      `${what}: ${command} ${args.join(" ")} exited with ${String(result.code)}${detail ? `:\n${detail}` : ""}`,
      `Run the command yourself to see the whole output.`,
    );
  }
  return result.stdout;
}

/** Whether `command` can be started (it is on PATH). */
export async function toolExists(
  exec: Exec,
  command: string,
  probeArgs: readonly string[],
): Promise<boolean> {
  try {
    await exec.run(command, probeArgs);
    return true;
  } catch {
    return false;
  }
}
