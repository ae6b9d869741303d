import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parse } from "yaml";
import { readBuildArtifacts } from "../../build/build-json.js";
import { eventLine } from "../../build/scheduler-output.js";
import type { BuildOutputEntry, RunMode } from "../../build/types.js";
import type { ResolvedConfig } from "../../config/resolved.js";
import type { ResourceSelectorConfig } from "../../config/schema/index.js";
import { TrestleError, userError } from "../../errors/errors.js";
import { parseLabelFlags } from "../../manifest/labels.js";
import type { ManifestTransform } from "../../manifest/types.js";
import { formatManifests } from "../../manifest/yaml.js";
import { RegistryClient } from "../../oci/registry/client.js";
import {
  effectiveDigestSource,
  resolveRemoteDigests,
  type DigestSource,
} from "../../render/digest-source.js";
import { preBuiltImages } from "../../render/prebuilt.js";
import { createRenderer } from "../../render/renderer.js";
import { runBuildPipeline } from "../../runner/build-pipeline.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { buildSetup, type BuildSetup } from "../build-setup.js";
import type { CommandContext } from "../command-spec.js";
import { effectiveEnv, loadProjectFromFlags } from "../project.js";

async function readRules(path: string): Promise<ResourceSelectorConfig | undefined> {
  if (path === "") return undefined;
  try {
    const parsed: unknown = parse(await readFile(path, "utf8"));
    if (typeof parsed !== "object" || parsed === null) return undefined;
    return parsed;
  } catch (error) {
    throw userError(
      "RESOURCE_SELECTOR_RULES_INVALID",
      `cannot read --resource-selector-rules-file ${path}: ${(error as Error).message}`,
      "The file holds {allow: [{groupKind, image, labels}], deny: [...]} in YAML or JSON.",
    );
  }
}

/** What a command that prints rendered manifests adds to `trestle render`. */
export interface RenderCommandOptions {
  /** The build's run mode (`debug` builds without optimisations). */
  readonly mode: RunMode;
  /** The output file flag's value ("" for stdout). */
  readonly output: string;
  /** `--digest-source` when the flag is not set (render: Skaffold's default; debug builds). */
  readonly defaultDigestSource?: DigestSource;
  /** Called with the images once known; returns the rewrite applied to the rendered manifests. */
  readonly prepare?: (
    images: readonly BuildOutputEntry[],
    setup: BuildSetup,
    project: ResolvedConfig,
  ) => Promise<ManifestTransform | undefined>;
}

/**
 * `trestle render`: the hydrated manifests, without deploying. Images come from `--build-artifacts`/`--images`,
 * else by `--digest-source`: `local` builds, `tag` uses the computed tags, `remote` pins them to the registry's
 * digests, `none` leaves the manifests' images as written. Progress goes to stderr; manifests to stdout or -o.
 */
export async function run(context: CommandContext): Promise<number> {
  return renderCommand(context, { mode: "run", output: context.parsed.flags.string("output") });
}

/** `trestle render` with a run mode, an output and an optional rewrite (`trestle debug --render-only`). */
export async function renderCommand(context: CommandContext, options: RenderCommandOptions): Promise<number> {
  const flags = context.parsed.flags;
  const project = await loadProjectFromFlags(context);
  const env = effectiveEnv(context);
  const say = (line: string): void => {
    context.stderr.write(`${line}\n`);
  };
  const loud = flags.bool("loud");
  const setup = await buildSetup(context, project, options.mode, {
    say: loud ? say : () => undefined,
    quiet: !loud,
  });
  const source = effectiveDigestSource(
    flags.string("digest-source") || (options.defaultDigestSource ?? ""),
    setup.localCluster,
  );
  const artifactsFile = flags.string("build-artifacts");
  const imageFlags = flags.strings("images");
  let images: BuildOutputEntry[];
  if (artifactsFile !== "" || imageFlags.length > 0) {
    const fromFile =
      artifactsFile === ""
        ? []
        : await readBuildArtifacts(artifactsFile === "-" ? "-" : resolve(context.cwd, artifactsFile));
    images = preBuiltImages(fromFile, imageFlags, {
      customTag: setup.options.customTag,
      defaultRepo: setup.options.defaultRepo,
      multiLevelRepo: setup.options.multiLevelRepo,
    });
  } else if (source === "none") {
    images = [];
  } else {
    const result = await runBuildPipeline(
      project,
      { ...setup.options, dryRun: source !== "local" },
      {
        ...setup.deps,
        onEvent: (event) => {
          if (loud) say(eventLine(event));
        },
      },
    );
    if (!result.ok) {
      const first = result.outcomes.find((o) => o.status === "failed");
      const cause = first?.status === "failed" ? first.error : undefined;
      throw new TrestleError("build failed before rendering", {
        kind: cause instanceof TrestleError ? cause.kind : "user",
        code: "BUILD_FAILED",
        hint: cause instanceof Error ? cause.message : "Run with --loud to see the build output.",
      });
    }
    images = [...result.entries];
  }
  if (source === "remote") {
    const client = new RegistryClient({ insecureRegistries: setup.insecureRegistries, env });
    try {
      images = await resolveRemoteDigests(client, images, context.signal);
    } finally {
      client.close();
    }
  }
  if (source === "none")
    say("--digest-source set to 'none', tags listed in Kubernetes manifests will be used for render");
  const renderer = createRenderer(
    project,
    {
      exec: setup.runtime.exec,
      env,
      warn: (m) => {
        context.logger.warn(m);
      },
    },
    {
      includeDeployHelm: true,
      rules: await readRules(flags.string("resource-selector-rules-file")),
      skipBuildDependencies: flags.bool("skip-build-dependencies"),
      kubeContext: flags.optionalString("kube-context"),
    },
  );
  const transform = await options.prepare?.(images, setup, project);
  const manifests = await renderer.render(images, {
    namespace: flags.string("namespace"),
    labels: parseLabelFlags(flags.strings("label")),
    offline: flags.bool("offline"),
    transformManifests: transform,
    signal: context.signal,
  });
  const text = formatManifests(manifests);
  const output = options.output;
  if (output === "") context.stdout.write(text);
  else await writeFileAtomic(resolve(context.cwd, output), text);
  return 0;
}
