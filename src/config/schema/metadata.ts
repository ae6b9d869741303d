/**
 * Facts about the schema that the config engine needs, as plain data transcribed from Skaffold's struct tags
 * (`pkg/skaffold/schema/latest/config.go`).
 *
 * Path patterns are dot-separated keys from the root of a config document: `[]` means every element of a list
 * and `*` every value of a map (`build.artifacts[].docker.buildArgs.*`). Patterns rooted in a pipeline field
 * (see PIPELINE_FIELDS) also hold inside each profile: prefix them with `profiles[].`.
 */
import { ARTIFACT_TYPES } from "./artifact.js";
import type { PipelineField } from "./pipeline.js";

/** Keys a config shares with each of its profiles (Skaffold's inlined `Pipeline`), in declaration order. */
export const PIPELINE_FIELDS = [
  "build",
  "test",
  "manifests",
  "deploy",
  "portForward",
  "resourceSelector",
  "verify",
  "customActions",
] as const satisfies readonly PipelineField[];

/** A `yamltags:"oneOf=<set>"` group: keys of one struct of which at most one may be set. */
export interface OneOfGroup {
  /** Path pattern of the struct (mapping) holding the keys. */
  readonly path: string;
  /** Skaffold's set name, for messages. */
  readonly set: string;
  /** The mutually exclusive keys, in declaration order. */
  readonly keys: readonly string[];
  /** True when one key must be set (Skaffold's `skipTrim` on an inlined group). */
  readonly required?: true;
}

/** The tag policies, in declaration order (exactly one applies). */
export const TAGGERS = [
  "gitCommit",
  "sha256",
  "envTemplate",
  "dateTime",
  "customTemplate",
  "inputDigest",
] as const;
/** The build environments, in declaration order (exactly one applies). */
export const BUILD_ENVIRONMENTS = ["local", "googleCloudBuild", "cluster"] as const;
/** The deployers (any combination may be set). */
export const DEPLOYERS = ["docker", "helm", "kpt", "kubectl", "cloudrun"] as const;
const CHART_SOURCE = ["chartPath", "remoteChart"] as const;
const DEPLOY_HOOK = ["host", "container"] as const;

function beforeAfter(path: string, set: string, keys: readonly string[]): OneOfGroup[] {
  return [
    { path: `${path}.before[]`, set, keys },
    { path: `${path}.after[]`, set, keys },
  ];
}

/**
 * Every oneOf group of the schema. Validation reports two keys of a group set together as a conflict.
 * Profile overlays replace a oneOf struct wholesale instead of merging it: for a plain mapping this concerns
 * `build.tagPolicy`, and for `build` (where the group is inlined) only the three build-environment keys are
 * replaced; every other group sits inside a list or an optional struct, which an overlay replaces anyway.
 */
export const ONE_OF_GROUPS: readonly OneOfGroup[] = [
  {
    path: "requires[]",
    set: "paths",
    keys: ["path", "git", "googleCloudStorage", "googleCloudBuildRepoV2"],
  },
  { path: "build", set: "build", keys: BUILD_ENVIRONMENTS },
  { path: "build.tagPolicy", set: "tag", keys: TAGGERS },
  {
    path: "build.tagPolicy.customTemplate.components[]",
    set: "tag",
    keys: TAGGERS.filter((k) => k !== "customTemplate"),
    required: true,
  },
  { path: "build.artifacts[]", set: "artifact", keys: ARTIFACT_TYPES },
  { path: "build.artifacts[].sync", set: "sync", keys: ["manual", "infer", "auto"] },
  ...beforeAfter("build.artifacts[].sync.hooks", "sync_hook", ["host", "container"]),
  { path: "build.artifacts[].docker.secrets[]", set: "secretSource", keys: ["src", "env"] },
  { path: "build.artifacts[].buildpacks.dependencies", set: "dependency", keys: ["paths"] },
  { path: "build.artifacts[].ko.dependencies", set: "dependency", keys: ["paths"] },
  {
    path: "build.artifacts[].custom.dependencies",
    set: "dependency",
    keys: ["dockerfile", "command", "paths"],
  },
  { path: "test[].custom[].dependencies", set: "dependency", keys: ["command", "paths"] },
  { path: "manifests.helm.releases[]", set: "chartSource", keys: CHART_SOURCE },
  ...beforeAfter("manifests.hooks", "render_hook", ["host"]),
  { path: "deploy.helm.releases[]", set: "chartSource", keys: CHART_SOURCE },
  ...beforeAfter("deploy.helm.hooks", "deploy_hook", DEPLOY_HOOK),
  ...beforeAfter("deploy.kubectl.hooks", "deploy_hook", DEPLOY_HOOK),
];

const HELM_RELEASES = ["manifests.helm.releases[]", "deploy.helm.releases[]"] as const;

const HOST_HOOK_DIRS = [
  "build.hooks.before[].dir",
  "build.hooks.after[].dir",
  "build.artifacts[].hooks.before[].dir",
  "build.artifacts[].hooks.after[].dir",
  "build.artifacts[].sync.hooks.before[].host.dir",
  "build.artifacts[].sync.hooks.after[].host.dir",
  "manifests.hooks.before[].host.dir",
  "manifests.hooks.after[].host.dir",
  "deploy.kubectl.hooks.before[].host.dir",
  "deploy.kubectl.hooks.after[].host.dir",
  "deploy.helm.hooks.before[].host.dir",
  "deploy.helm.hooks.after[].host.dir",
  "deploy.cloudrun.hooks.before[].dir",
  "deploy.cloudrun.hooks.after[].dir",
];

/**
 * Fields tagged `skaffold:"filepath"`: relative paths are resolved against the directory of the config file
 * (Skaffold does this after profiles are applied, for configs imported through `requires`).
 */
export const FILEPATH_FIELDS: readonly string[] = [
  "requires[].path",
  "build.artifacts[].context",
  "build.artifacts[].buildpacks.volumes[].host",
  "build.artifacts[].kaniko.contextSubPath",
  "test[].context",
  "test[].structureTests[]",
  "manifests.rawYaml[]",
  "manifests.kpt[]",
  "manifests.kustomize.paths[]",
  ...HELM_RELEASES.flatMap((r) => [`${r}.chartPath`, `${r}.valuesFiles[]`, `${r}.setFiles.*`]),
  ...HOST_HOOK_DIRS,
];

/**
 * Fields whose values are Go templates over the environment (plus feature-specific values such as IMAGE_REPO).
 * The first group carries the `skaffold:"template"` tag; the rest are expanded in Skaffold's code.
 * A `customTemplate` component's `envTemplate.template` is expanded like `build.tagPolicy.envTemplate.template`.
 */
export const TEMPLATE_FIELDS: readonly string[] = [
  // skaffold:"template"
  "build.tagPolicy.envTemplate.template",
  "build.tagPolicy.customTemplate.components[].envTemplate.template",
  "build.artifacts[].docker.buildArgs.*",
  "build.artifacts[].ko.env[]",
  "build.artifacts[].ko.flags[]",
  "build.artifacts[].ko.labels.*",
  "build.artifacts[].ko.ldflags[]",
  "manifests.kustomize.paths[]",
  ...HELM_RELEASES.flatMap((r) =>
    ["name", "chartPath", "valuesFiles[]", "namespace", "version", "setValues.*", "setValueTemplates.*"].map(
      (f) => `${r}.${f}`,
    ),
  ),
  "deploy.kubectl.defaultNamespace",
  "portForward[].resourceName",
  "portForward[].namespace",
  // expanded in code
  "build.artifacts[].docker.cliFlags[]",
  "build.artifacts[].buildpacks.env[]",
  "build.artifacts[].kaniko.buildArgs.*",
  "build.artifacts[].kaniko.env[].value",
  "build.artifacts[].custom.buildCommand",
  "build.artifacts[].custom.dependencies.dockerfile.buildArgs.*",
  "manifests.rawYaml[]",
  // the keys of setValueTemplates are expanded too
  ...HELM_RELEASES.flatMap((r) => [`${r}.repo`, `${r}.packaged.version`, `${r}.packaged.appVersion`]),
  "deploy.kpt.defaultNamespace",
];
