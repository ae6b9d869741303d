/** Picks the tagger for a `tagPolicy`, as Skaffold's `getTagger` and `CreateComponents` (`tagger_mux.go`). */
import type { Artifact, TagPolicy, TaggerComponent } from "../../config/schema/index.js";
import type { TemplateOptions } from "../../config/template/index.js";
import { TrestleError, configError } from "../../errors/errors.js";
import type { Exec } from "../../proc/exec.js";
import type { FileDigestSource } from "../cache/file-hashes.js";
import type { ArtifactWorkspace } from "../scheduler-graph.js";
import type { DependencyLister } from "../types.js";
import { fixedTagger } from "./custom-tag.js";
import { customTemplateTagger } from "./custom-template.js";
import type { BuiltinComponent } from "./custom-template.js";
import { dateTimeTagger } from "./date-time.js";
import { envTemplateTagger } from "./env-template.js";
import { gitCommitTagger } from "./git-commit.js";
import { inputDigestTagger } from "./input-digest.js";
import { checksumTagger } from "./sha256.js";
import type { Tagger } from "./tagger.js";

/** Everything the taggers read besides their config: git, dependency lists, file digests, env and clock. */
export interface TaggerContext {
  readonly exec: Exec;
  readonly lister: DependencyLister;
  readonly digests: FileDigestSource;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** All artifacts by image name (for `inputDigest` over required artifacts). */
  readonly artifacts?: ReadonlyMap<string, ArtifactWorkspace>;
  readonly now?: () => Date;
  /** Skaffold's `cmd` template function, for `envTemplate`. */
  readonly runCommand?: TemplateOptions["runCommand"];
  /** Hears about adjusted tags (sanitised git refs). */
  readonly warn?: (message: string) => void;
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);

/** The taggers a component or a policy may name (a policy may also be `customTemplate`). */
function simpleTagger(policy: TaggerComponent, context: TaggerContext): Tagger | undefined {
  if (policy.envTemplate !== undefined) {
    return envTemplateTagger(policy.envTemplate.template, {
      env: context.env,
      ...optional("runCommand", context.runCommand),
    });
  }
  if (policy.sha256 !== undefined) return checksumTagger;
  if (policy.gitCommit !== undefined) {
    return gitCommitTagger({ ...policy.gitCommit, exec: context.exec, ...optional("warn", context.warn) });
  }
  if (policy.dateTime !== undefined) return dateTimeTagger(policy.dateTime, context.now);
  if (policy.inputDigest !== undefined) return inputDigestTagger(context);
  return undefined;
}

function builtinComponent(name: BuiltinComponent, context: TaggerContext): Tagger {
  switch (name) {
    case "GIT":
      return gitCommitTagger({ exec: context.exec, ...optional("warn", context.warn) });
    case "DATE":
      return dateTimeTagger({}, context.now);
    case "SHA":
      return checksumTagger;
    case "INPUT_DIGEST":
      return inputDigestTagger(context);
  }
}

function components(list: readonly TaggerComponent[], context: TaggerContext): Map<string, Tagger> {
  const out = new Map<string, Tagger>();
  for (const component of list) {
    const name = component.name ?? "";
    if (out.has(name)) throw configError("TAG_TEMPLATE_COMPONENT", `multiple components with name ${name}`);
    const tagger = simpleTagger(component, context);
    if (tagger === undefined) {
      throw configError(
        "TAG_TEMPLATE_COMPONENT",
        `unknown component for custom template: ${name}`,
        undefined,
        "Give the component one tagger: gitCommit, sha256, envTemplate, dateTime or inputDigest.",
      );
    }
    out.set(name, tagger);
  }
  return out;
}

/**
 * The tagger for a build's `tagPolicy` (gitCommit when unset); a non-empty `customTag` (`--tag`) overrides it.
 * Throws a config error (or TemplateError) for a policy that cannot work, as Skaffold does before building.
 */
export function createTagger(policy: TagPolicy | undefined, context: TaggerContext, customTag = ""): Tagger {
  if (customTag !== "") return fixedTagger(customTag);
  const effective: TagPolicy = policy ?? { gitCommit: {} };
  const simple = simpleTagger(effective, context);
  if (simple !== undefined) return simple;
  if (effective.customTemplate !== undefined) {
    const { template, components: list = [] } = effective.customTemplate;
    return customTemplateTagger(template, components(list, context), (name) =>
      builtinComponent(name, context),
    );
  }
  throw configError(
    "TAG_POLICY_UNKNOWN",
    "unknown tagger for the tag policy",
    undefined,
    "Set one of gitCommit, sha256, envTemplate, dateTime, inputDigest or customTemplate under build.tagPolicy.",
  );
}

/** One pipeline's tag policy and the images it builds. */
export interface PipelineTagging {
  readonly tagPolicy?: TagPolicy | undefined;
  readonly images: readonly string[];
}

/** Skaffold's `TaggerMux`: each image is tagged by its own pipeline's policy. */
export function createTaggerMux(
  pipelines: readonly PipelineTagging[],
  context: TaggerContext,
  customTag = "",
): Tagger {
  const byImage = new Map<string, Tagger>();
  for (const pipeline of pipelines) {
    const tagger = createTagger(pipeline.tagPolicy, context, customTag);
    for (const image of pipeline.images) byImage.set(image, tagger);
  }
  return {
    tag(artifact: Artifact, workspace: string): Promise<string> {
      const tagger = byImage.get(artifact.image);
      if (tagger === undefined) {
        const message = `no valid tagger found for artifact: "${artifact.image}"`;
        return Promise.reject(new TrestleError(message, { kind: "internal", code: "TAG_NO_TAGGER" }));
      }
      return tagger.tag(artifact, workspace);
    },
  };
}
