import type { SchemaVersion, YamlMap } from "./types.js";
import type { FieldLabel, PipelineRef } from "./util.js";
import {
  cloneMap,
  deepClone,
  isMap,
  isSet,
  listAt,
  mapAt,
  nonEmptyList,
  pickKeys,
  pipelinesOf,
  removeKey,
  scalarText,
  stringAt,
  withVersion,
} from "./util.js";

/*
 * v2beta29 → v3alpha1, the move from Skaffold v1 to v2 configs. Rendering gets its own `manifests` section:
 *  - deploy.kubectl.manifests      → manifests.rawYaml
 *  - deploy.kustomize              → manifests.kustomize (paths, default ["."], and buildArgs); its flags,
 *                                    defaultNamespace and hooks are merged into deploy.kubectl
 *  - deploy.helm                   → manifests.helm (releases, flags) and deploy.helm (releases, flags, hooks);
 *                                    release artifactOverrides/imageStrategy become setValueTemplates
 *  - deploy.kpt                    → not convertible: error
 * Profile patches that target the moved fields are retargeted, helm patches are kept for deploy.helm too, and
 * patches of artifactOverrides images become setValueTemplates patches.
 */

const NEXT = "skaffold/v3alpha1";

const OVERRIDE_PATCH = /\/deploy\/helm\/releases\/[0-9]+\/artifactOverrides\/image/;
const HELM_HOOK_PATCH = "/deploy/helm/hooks";
const PATCH_MOVES: readonly (readonly [string, string])[] = [
  ["/deploy/kubectl/manifests", "/manifests/rawYaml"],
  ["/deploy/kustomize/paths", "/manifests/kustomize/paths"],
  ["/deploy/kustomize/buildArgs", "/manifests/kustomize/buildArgs"],
  ["/deploy/helm", "/manifests/helm"],
];

/** Helm template variables cannot contain `.`, `-`, `/` or `:`. */
function sanitize(image: string): string {
  return image.replace(/[.\-/:]/g, "_");
}

/** Helm value maps are flat: nested keys join with `.` and list items with `[i]`, as Skaffold reads them. */
function flatten(value: unknown, key: string, out: Record<string, string>): Record<string, string> {
  if (isMap(value)) {
    for (const [child, item] of Object.entries(value))
      flatten(item, key === "" ? child : `${key}.${child}`, out);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => flatten(item, `${key}[${index}]`, out));
  } else {
    out[key] = scalarText(value);
  }
  return out;
}

/** The setValueTemplates that replace one artifactOverrides entry (`key` → image) under an image strategy. */
function imageTemplates(
  key: string,
  image: string,
  helmConvention: YamlMap | undefined,
): Record<string, string> {
  const v = sanitize(image);
  if (!helmConvention) return { [key]: `{{.IMAGE_FULLY_QUALIFIED_${v}}}` };
  const tag = `{{.IMAGE_TAG_${v}}}@{{.IMAGE_DIGEST_${v}}}`;
  if (helmConvention.explicitRegistry !== true) {
    return { [`${key}.tag`]: tag, [`${key}.repository`]: `{{.IMAGE_REPO_${v}}}` };
  }
  return {
    [`${key}.tag`]: tag,
    [`${key}.registry`]: `{{.IMAGE_DOMAIN_${v}}}`,
    [`${key}.repository`]: `{{.IMAGE_REPO_NO_DOMAIN_${v}}}`,
  };
}

function upgradeRelease(release: YamlMap): void {
  const overrides = isMap(release.artifactOverrides) ? flatten(release.artifactOverrides, "", {}) : {};
  const helmConvention = mapAt(mapAt(release, "imageStrategy"), "helm");
  delete release.artifactOverrides;
  delete release.imageStrategy;
  const entries = Object.entries(overrides);
  if (entries.length === 0) return;
  const templates = isMap(release.setValueTemplates) ? flatten(release.setValueTemplates, "", {}) : {};
  for (const [key, image] of entries) Object.assign(templates, imageTemplates(key, image, helmConvention));
  release.setValueTemplates = templates;
}

function concat(first: YamlMap | undefined, second: YamlMap | undefined, key: string): unknown[] {
  return [...(listAt(first, key) ?? []), ...(listAt(second, key) ?? [])];
}

/** Only the non-empty lists of `lists`, as a mapping. */
function nonEmpty(lists: Record<string, unknown[]>): YamlMap {
  const out: YamlMap = {};
  for (const [key, list] of Object.entries(lists)) if (list.length > 0) out[key] = list;
  return out;
}

/** The kubectl deployer now applies kustomize output: merge the kustomize deployer's settings into it. */
function mergeKustomizeIntoKubectl(deploy: YamlMap, kustomize: YamlMap, label: FieldLabel): void {
  const kubectl = mapAt(deploy, "kubectl");
  if (!kubectl) {
    deploy.kubectl = pickKeys(kustomize, ["flags", "defaultNamespace", "hooks"]);
    return;
  }
  const conflict = (field: string): Error =>
    new Error(
      `cannot upgrade to ${NEXT}: ${label(`deploy.kustomize.${field}`)} cannot be merged into deploy.kubectl, ` +
        `which already sets ${field} to a different value`,
    );
  if (
    isSet(kubectl, "defaultNamespace") &&
    isSet(kustomize, "defaultNamespace") &&
    kubectl.defaultNamespace !== kustomize.defaultNamespace
  ) {
    throw conflict("defaultNamespace");
  }
  const [kubectlFlags, kustomizeFlags] = [mapAt(kubectl, "flags"), mapAt(kustomize, "flags")];
  const disableValidation = kustomizeFlags?.disableValidation === true;
  if ((kubectlFlags?.disableValidation === true) !== disableValidation)
    throw conflict("flags.disableValidation");
  if (isSet(kustomize, "defaultNamespace")) kubectl.defaultNamespace = deepClone(kustomize.defaultNamespace);

  const flags: YamlMap = disableValidation ? { disableValidation } : {};
  Object.assign(
    flags,
    nonEmpty({
      global: concat(kubectlFlags, kustomizeFlags, "global"),
      apply: concat(kubectlFlags, kustomizeFlags, "apply"),
      delete: concat(kubectlFlags, kustomizeFlags, "delete"),
    }),
  );
  const [kubectlHooks, kustomizeHooks] = [mapAt(kubectl, "hooks"), mapAt(kustomize, "hooks")];
  const hooks = nonEmpty({
    before: concat(kubectlHooks, kustomizeHooks, "before"),
    after: concat(kubectlHooks, kustomizeHooks, "after"),
  });
  for (const [key, value] of [
    ["flags", flags],
    ["hooks", hooks],
  ] as const) {
    if (Object.keys(value).length > 0) kubectl[key] = deepClone(value);
    else removeKey(kubectl, key);
  }
}

function upgradePipeline(pipeline: YamlMap, label: FieldLabel): void {
  const deploy = mapAt(pipeline, "deploy");
  if (!deploy) return;
  const manifests = mapAt(pipeline, "manifests") ?? {};

  const kubectl = mapAt(deploy, "kubectl");
  if (kubectl) {
    const rawYaml = nonEmptyList(kubectl.manifests);
    delete kubectl.manifests;
    if (rawYaml) manifests.rawYaml = rawYaml;
  }

  const kustomize = mapAt(deploy, "kustomize");
  delete deploy.kustomize;
  if (kustomize) {
    const paths = nonEmptyList(kustomize.paths) ?? ["."];
    const buildArgs = nonEmptyList(kustomize.buildArgs);
    manifests.kustomize = buildArgs ? { paths, buildArgs } : { paths };
    mergeKustomizeIntoKubectl(deploy, kustomize, label);
  }

  if (isSet(deploy, "kpt")) {
    throw new Error(`cannot upgrade to ${NEXT}: converting ${label("deploy.kpt")} is not supported`);
  }

  const helm = mapAt(deploy, "helm");
  if (helm) {
    for (const release of listAt(helm, "releases") ?? []) if (isMap(release)) upgradeRelease(release);
    // Skaffold v1 used the helm releases both to render and to deploy, so they go to both places.
    manifests.helm = pickKeys(helm, ["releases", "flags"]);
  }

  if (Object.keys(manifests).length > 0) pipeline.manifests = manifests;
}

function patchesOf(ref: PipelineRef): unknown[] {
  return listAt(ref.pipeline, "patches") ?? [];
}

function parseIndex(path: string): number {
  const segment = path.split("/")[4] ?? "";
  if (!/^[+-]?\d+$/.test(segment)) {
    throw new Error(`cannot upgrade to ${NEXT}: profile patch path "${path}" has no helm release index`);
  }
  return Number(segment);
}

/**
 * Patches of `/deploy/helm/releases/N/artifactOverrides/image...` become setValueTemplates patches under
 * `/manifests/helm`, using the image strategy of release N in `oldPipeline` (Skaffold runs this once for
 * every pipeline that has a helm deployer).
 */
function upgradeOverridePatches(oldPipeline: YamlMap, oldRefs: PipelineRef[], newRefs: PipelineRef[]): void {
  const helm = mapAt(mapAt(oldPipeline, "deploy"), "helm");
  oldRefs.forEach((oldRef, refIndex) => {
    const newPatches = listAt(newRefs[refIndex]?.pipeline, "patches");
    if (oldRef.profileIndex === undefined || !newPatches) return;
    patchesOf(oldRef).forEach((oldPatch, patchIndex) => {
      const path = isMap(oldPatch) ? (stringAt(oldPatch, "path") ?? "") : "";
      if (!isMap(oldPatch) || !OVERRIDE_PATCH.test(path)) return;
      const releaseIndex = parseIndex(path);
      if (!helm) return;
      const release = listAt(helm, "releases")?.[releaseIndex];
      if (release === undefined || releaseIndex < 0) {
        throw new Error(
          `cannot upgrade to ${NEXT}: profile patch "${path}" refers to a missing helm release`,
        );
      }
      if (typeof oldPatch.value !== "string") {
        throw new Error(
          `cannot upgrade to ${NEXT}: profile patch "${path}" must set an image name (a string)`,
        );
      }
      const current = newPatches[patchIndex];
      const base = isMap(current) ? current : {};
      const newPath = path
        .replaceAll("/deploy/helm", "/manifests/helm")
        .replaceAll("artifactOverrides", "setValueTemplates");
      const helmConvention = isMap(release) ? mapAt(mapAt(release, "imageStrategy"), "helm") : undefined;
      const [first, ...rest] = Object.entries(imageTemplates(newPath, oldPatch.value, helmConvention)).map(
        ([templatePath, value]): YamlMap => ({
          ...pickKeys(base, ["op"]),
          path: templatePath,
          ...pickKeys(base, ["from"]),
          value,
        }),
      );
      // The fqn strategy only retargets the patch; the helm strategy replaces it with one patch per template.
      newPatches[patchIndex] = helmConvention ? first : { ...cloneMap(base), ...first };
      newPatches.push(...rest);
    });
  });
}

/** Keeps helm patches for deploy.helm (as copies at the end) and retargets patches of moved fields. */
function upgradeProfilePatches(oldRef: PipelineRef, newRef: PipelineRef): void {
  const patches = listAt(newRef.pipeline, "patches");
  if (!patches) return;
  const isHelmPatch = (path: string): boolean =>
    path.includes("/deploy/helm") && !path.includes(HELM_HOOK_PATCH);
  const helmCopies = patches.filter((patch) => isMap(patch) && isHelmPatch(stringAt(patch, "path") ?? ""));
  patches.push(...helmCopies.map(deepClone));
  patchesOf(oldRef).forEach((oldPatch, index) => {
    const path = isMap(oldPatch) ? stringAt(oldPatch, "path") : undefined;
    const patch = patches[index];
    if (path === undefined || !isMap(patch) || OVERRIDE_PATCH.test(path) || path.includes(HELM_HOOK_PATCH))
      return;
    for (const [from, to] of PATCH_MOVES) if (path.includes(from)) patch.path = path.replaceAll(from, to);
  });
}

function upgrade(config: YamlMap): YamlMap {
  const out = withVersion(config, NEXT);
  const oldRefs = pipelinesOf(config);
  const newRefs = pipelinesOf(out);
  newRefs.forEach((ref, index) => {
    upgradePipeline(ref.pipeline, ref.label);
    const oldRef = oldRefs[index];
    if (oldRef) upgradeOverridePatches(oldRef.pipeline, oldRefs, newRefs);
  });
  oldRefs.forEach((oldRef, index) => {
    const newRef = newRefs[index];
    if (oldRef.profileIndex !== undefined && newRef) upgradeProfilePatches(oldRef, newRef);
  });
  return out;
}

export const v2beta29: SchemaVersion = { apiVersion: "skaffold/v2beta29", upgrade };
