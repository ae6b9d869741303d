import type { ResolvedConfig } from "../../config/resolved.js";
import { buildSetup } from "../build-setup.js";
import type { CommandContext } from "../command-spec.js";
import { lazyImageConfigReader, runtimeTypes } from "../debug-images.js";
import { DebugSession } from "../debug-session.js";
import { DebugRewriter, debugSettings } from "../debug-setup.js";
import { runDev } from "../dev-session.js";
import { effectiveEnv, loadProjectFromFlags } from "../project.js";
import { renderCommand } from "./render.js";

/** `trestle debug --render-only`: build in debug mode, render, rewrite for debugging, print. */
async function renderOnly(context: CommandContext): Promise<number> {
  const flags = context.parsed.flags;
  const settings = await debugSettings(context);
  let reader: ReturnType<typeof lazyImageConfigReader> | undefined;
  try {
    return await renderCommand(context, {
      mode: "debug",
      output: flags.string("render-output") || flags.string("output"),
      defaultDigestSource: "local",
      prepare: async (images, setup, project) => {
        reader = lazyImageConfigReader(setup.runtime.daemon, {
          insecureRegistries: setup.insecureRegistries,
          env: effectiveEnv(context),
        });
        const rewriter = new DebugRewriter(reader, project, settings, (line) => {
          context.logger.warn(line);
        });
        return rewriter.prepare(images, context.signal);
      },
    });
  } finally {
    reader?.close();
  }
}

/** The project as the dev session will load it, read once more (quietly) for the artifacts' facts. */
function quietLoad(context: CommandContext): Promise<ResolvedConfig> {
  return loadProjectFromFlags({ ...context, logger: { ...context.logger, warn: () => undefined } });
}

/** `trestle debug`: like `trestle dev`, with the workloads rewritten for debuggers and their ports forwarded. */
export async function run(context: CommandContext): Promise<number> {
  if (context.parsed.flags.bool("render-only")) return renderOnly(context);
  const settings = await debugSettings(context);
  const project = await quietLoad(context);
  const setup = await buildSetup(context, project, "debug", { say: () => undefined, quiet: true });
  const reader = lazyImageConfigReader(setup.runtime.daemon, {
    insecureRegistries: setup.insecureRegistries,
    env: effectiveEnv(context),
  });
  const debug = new DebugSession({
    reader,
    project,
    settings,
    cwd: context.cwd,
    ideConfig: context.parsed.flags.string("ide-config"),
    say: (line) => {
      context.stdout.write(`${line}\n`);
    },
    warn: (line) => {
      context.logger.warn(line);
    },
    signal: context.signal,
  });
  try {
    return await runDev(context, {
      mode: "debug",
      transformManifests: (manifests, builds) => debug.transform(manifests, builds),
      afterDeploy: (deployment, _kube, forwards) => debug.deployed(forwards, deployment.namespaces),
      dockerDebug: { ...settings, runtimeTypes: runtimeTypes(project) },
    });
  } finally {
    reader.close();
  }
}
