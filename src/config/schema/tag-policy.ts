/** Tag policies: how the tag of each built image is chosen. */
import { z } from "zod";
import { goBool, goString, opt, requiredString, struct } from "./common.js";

const emptyTagger = (id: string, description: string) => struct({}).meta({ id, description });

export const gitTaggerSchema = struct({
  variant: opt(
    goString,
    "`Tags` (default: tag, or abbreviated commit), `CommitSha`, `AbbrevCommitSha`, `TreeSha` or `AbbrevTreeSha`.",
  ),
  prefix: opt(goString, "Fixed prefix added to the tag."),
  ignoreChanges: opt(goBool, "Do not append `-dirty` when the workspace has uncommitted changes."),
}).meta({ id: "GitTagger", description: "Tag with the git tag or commit of the artifact's workspace." });

export const shaTaggerSchema = emptyTagger(
  "ShaTagger",
  "Tag `latest`; the digest makes the reference immutable.",
);

export const inputDigestSchema = emptyTagger(
  "InputDigest",
  "Tag with a digest of the artifact's source files.",
);

export const envTemplateTaggerSchema = struct({
  template: requiredString.describe(
    "Go template over the environment producing the tag, e.g. `{{.RELEASE}}`.",
  ),
}).meta({ id: "EnvTemplateTagger", description: "Tag with a template over environment variables." });

export const dateTimeTaggerSchema = struct({
  format: opt(goString, "Go time layout; defaults to `2006-01-02_15-04-05.999_MST`."),
  timezone: opt(goString, "IANA time zone name; defaults to local time."),
}).meta({ id: "DateTimeTagger", description: "Tag with the build time." });

/** The taggers a `customTemplate` component may use (nesting `customTemplate` is not supported). */
const componentTaggersShape = {
  gitCommit: opt(gitTaggerSchema, "Tag with the git tag or commit."),
  sha256: opt(shaTaggerSchema, "Tag `latest` (immutable through the digest)."),
  envTemplate: opt(envTemplateTaggerSchema, "Tag with a template over environment variables."),
  dateTime: opt(dateTimeTaggerSchema, "Tag with the build time."),
  inputDigest: opt(inputDigestSchema, "Tag with a digest of the source files."),
};

export const taggerComponentSchema = struct({
  name: opt(goString, "Name by which the template refers to this component."),
  ...componentTaggersShape,
}).meta({
  id: "TaggerComponent",
  description: "A named tagger used inside a custom template; set exactly one tagger.",
});

export const customTemplateTaggerSchema = struct({
  template: requiredString.describe("Go template over the components, e.g. `{{.FOO}}-{{.DATE}}`."),
  components: opt(
    z.array(taggerComponentSchema),
    "Named taggers usable in the template (built in: GIT, DATE, SHA, INPUT_DIGEST).",
  ),
}).meta({ id: "CustomTemplateTagger", description: "Tag with a template composed of other taggers." });

export const tagPolicySchema = struct({
  ...componentTaggersShape,
  customTemplate: opt(customTemplateTaggerSchema, "Tag with a template composed of other taggers."),
}).meta({ id: "TagPolicy", description: "How images are tagged; set one tagger. Defaults to `gitCommit`." });

export type GitTagger = z.infer<typeof gitTaggerSchema>;
export type EnvTemplateTagger = z.infer<typeof envTemplateTaggerSchema>;
export type DateTimeTagger = z.infer<typeof dateTimeTaggerSchema>;
export type TaggerComponent = z.infer<typeof taggerComponentSchema>;
export type CustomTemplateTagger = z.infer<typeof customTemplateTaggerSchema>;
export type TagPolicy = z.infer<typeof tagPolicySchema>;
