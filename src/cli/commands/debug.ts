import { userError } from "../../errors/errors.js";
import { RegistryClient } from "../../oci/registry/client.js";
import type { CommandContext } from "../command-spec.js";
import { engineOrRegistryReader } from "../debug-images.js";
import { DebugRewriter, debugSettings } from "../debug-setup.js";
import { effectiveEnv } from "../project.js";
import { renderCommand } from "./render.js";

/** `trestle debug --render-only`: build in debug mode, render, rewrite for debugging, print. */
async function renderOnly(context: CommandContext): Promise<number> {
  const flags = context.parsed.flags;
  const settings = await debugSettings(context);
  let registry: RegistryClient | undefined;
  try {
    return await renderCommand(context, {
      mode: "debug",
      output: flags.string("render-output") || flags.string("output"),
      defaultDigestSource: "local",
      prepare: async (images, setup, project) => {
        const reader = engineOrRegistryReader(
          setup.runtime.daemon,
          () =>
            (registry ??= new RegistryClient({
              insecureRegistries: setup.insecureRegistries,
              env: effectiveEnv(context),
            })),
        );
        const rewriter = new DebugRewriter(reader, project, settings, (line) => {
          context.logger.warn(line);
        });
        return rewriter.prepare(images, context.signal);
      },
    });
  } finally {
    registry?.close();
  }
}

/** `trestle debug`: like `trestle dev`, with the workloads rewritten for debuggers and their ports forwarded. */
export async function run(context: CommandContext): Promise<number> {
  if (context.parsed.flags.bool("render-only")) return renderOnly(context);
  throw userError(
    "DEBUG_SESSION_UNAVAILABLE",
    "trestle debug needs the dev loop, which this Trestle build does not have yet",
    "Use `trestle debug --render-only | kubectl apply -f -` and forward the debug ports by hand (docs/debug.md).",
  );
}
