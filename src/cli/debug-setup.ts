/**
 * The debug-specific parts of `trestle debug`, shared by `--render-only` and the dev session: the settings
 * (helpers registry, protocols), and a per-iteration step that reads the images' configs and returns the
 * manifest rewrite, remembering the last plan (debug ports to forward, how to attach).
 */
import type { BuildOutputEntry } from "../build/types.js";
import { globalConfigCandidates, readGlobalConfig, settingsFor } from "../config/global-config.js";
import type { ResolvedConfig } from "../config/resolved.js";
import { DEFAULT_HELPERS_REGISTRY } from "../debug/index.js";
import type { AttachTarget } from "../debug/attach.js";
import { planDebug, warningLine } from "../debug/session.js";
import type { ManifestList, ManifestTransform } from "../manifest/types.js";
import type { CommandContext } from "./command-spec.js";
import { DebugImageConfigs, runtimeTypes, type ImageConfigReader } from "./debug-images.js";
import { effectiveEnv } from "./project.js";

/** How the workloads are rewritten: where the support images come from and which protocols to prefer. */
export interface DebugSettings {
  readonly helpersRegistry: string;
  readonly protocols: readonly string[];
}

/**
 * `--debug-helpers-registry`, else the global config's `debug-helpers-registry` (for the kube-context of
 * `--kube-context`, else the global section), else Skaffold's registry; `--protocols`.
 */
export async function debugSettings(context: CommandContext): Promise<DebugSettings> {
  const flags = context.parsed.flags;
  const fromFlag = flags.optionalString("debug-helpers-registry");
  let helpersRegistry = fromFlag;
  if (helpersRegistry === undefined) {
    const file = await readGlobalConfig(
      globalConfigCandidates(flags.string("config"), effectiveEnv(context)),
    );
    const setting = settingsFor(file, flags.optionalString("kube-context") ?? "")["debug-helpers-registry"];
    helpersRegistry = typeof setting === "string" && setting !== "" ? setting : DEFAULT_HELPERS_REGISTRY;
  }
  return { helpersRegistry: helpersRegistry.replace(/\/+$/, ""), protocols: flags.strings("protocols") };
}

function targetKey(target: AttachTarget): string {
  return [target.namespace ?? "", target.resource, target.container, target.protocol].join("\u0000");
}

/** Rewrites each iteration's manifests for debugging, and keeps what the last rewrite produced. */
export class DebugRewriter {
  private readonly configs: DebugImageConfigs;
  private current: ReadonlyMap<string, AttachTarget> = new Map();

  constructor(
    reader: ImageConfigReader,
    project: ResolvedConfig,
    private readonly settings: DebugSettings,
    private readonly warn: (line: string) => void,
  ) {
    this.configs = new DebugImageConfigs(reader, runtimeTypes(project));
  }

  /** Reads the configs of `images` (once per reference), then returns the rewrite for the renderer. */
  async prepare(images: readonly BuildOutputEntry[], signal?: AbortSignal): Promise<ManifestTransform> {
    const { images: configs, failures } = await this.configs.configurations(images, signal);
    for (const failure of failures) {
      this.warn(
        `debug: cannot read the image config of ${failure.reference} (${failure.reason}); its containers are not rewritten`,
      );
    }
    const targets = new Map<string, AttachTarget>();
    this.current = targets;
    return (manifests: ManifestList): ManifestList => {
      const plan = planDebug(manifests, configs, this.settings);
      for (const warning of plan.warnings) this.warn(warningLine(warning));
      // One render call per config module; a target rendered again replaces itself.
      for (const target of plan.targets) targets.set(targetKey(target), target);
      return plan.manifests as ManifestList;
    };
  }

  /** The debug ports of the manifests rewritten since the last `prepare`, in manifest order. */
  targets(): readonly AttachTarget[] {
    return [...this.current.values()];
  }
}
