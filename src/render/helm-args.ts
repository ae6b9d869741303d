/**
 * Helm command lines, as Skaffold builds them (`pkg/skaffold/helm/args.go`, `render/renderer/helm/args.go`):
 * the image values that `setValueTemplates` and `valuesFiles` may use, and the `helm template` arguments.
 * Pure functions, shared with the Helm deployer (`helm upgrade --install` takes the same value arguments).
 */
import type { BuildOutputEntry } from "../build/types.js";
import type { HelmRelease } from "../config/schema/index.js";
import { renderTemplate, templateData, TemplateError } from "../config/template/index.js";
import { configError } from "../errors/errors.js";
import { parseImageField } from "../manifest/images.js";

type Env = Readonly<Record<string, string | undefined>>;

/** Skaffold's `SanitizeHelmTemplateValue`: `. - / :` become `_`, so `{{.IMAGE_TAG_my_app}}` can name an image. */
export function helmTemplateSuffix(imageName: string): string {
  return imageName.replace(/[.\-/:]/g, "_");
}

/** The values for one image: `IMAGE_REPO`, `IMAGE_TAG`, `IMAGE_DIGEST`, `IMAGE_FULLY_QUALIFIED`, … */
function valuesForImage(imageName: string, tag: string): Record<string, string> {
  const out: Record<string, string> = { IMAGE_NAME: imageName, DIGEST: tag };
  const parsed = parseImageField(tag);
  if (parsed !== undefined) {
    const at = tag.indexOf("@");
    const named = at === -1 ? tag : tag.slice(0, at);
    const colon = named.lastIndexOf(":");
    out["IMAGE_REPO"] = parsed.baseName;
    out["IMAGE_TAG"] = colon > named.lastIndexOf("/") ? named.slice(colon + 1) : "";
    out["IMAGE_DIGEST"] = parsed.digest;
  }
  if (tag === "") return out;
  const split = tag.indexOf(":");
  out["DIGEST_ALGO"] = split === -1 ? "" : tag.slice(0, split);
  out["DIGEST_HEX"] = split === -1 ? tag : tag.slice(split + 1);
  if (split === -1) delete out["DIGEST_ALGO"];
  out["IMAGE_DOMAIN"] = parsed?.domain ?? "";
  const base = parsed?.baseName ?? "";
  const domain = parsed?.domain ?? "";
  out["IMAGE_REPO_NO_DOMAIN"] = base.startsWith(`${domain}/`) ? base.slice(domain.length + 1) : base;
  out["IMAGE_FULLY_QUALIFIED"] = tag;
  return out;
}

/**
 * The template values for built images: each value as `<KEY>_<image name with . - / : as _>`, and for the
 * first image also as `<KEY>`, the second as `<KEY>2`, and so on (Skaffold's numbering).
 */
export function imageTemplateValues(images: readonly BuildOutputEntry[]): Record<string, string> {
  const out: Record<string, string> = {};
  images.forEach((image, index) => {
    const suffix = index > 0 ? String(index + 1) : "";
    const name = helmTemplateSuffix(image.imageName);
    for (const [key, value] of Object.entries(valuesForImage(image.imageName, image.tag))) {
      out[key + suffix] = value;
      out[`${key}_${name}`] = value;
    }
  });
  return out;
}

function expand(
  field: string,
  text: string,
  data: Record<string, string>,
  env: Env,
  strict: boolean,
): string {
  try {
    return renderTemplate(text, data, { env, missingKey: strict ? "error" : "default" });
  } catch (error) {
    if (error instanceof TemplateError) {
      throw configError(
        "HELM_TEMPLATE_FAILED",
        `cannot expand helm release field ${field} ${JSON.stringify(text)}: ${error.message}`,
        undefined,
        "Template values are environment variables and, in setValueTemplates and valuesFiles, the IMAGE_* values of built images.",
      );
    }
    throw error;
  }
}

/** A release with its templated fields expanded (name, chart, namespace, version, repo over the environment). */
export interface ExpandedRelease {
  readonly name: string;
  /** `remoteChart` when set, else `chartPath`. */
  readonly chart: string;
  readonly local: boolean;
  readonly namespace: string;
  readonly version: string;
  readonly repo: string;
  /** `--set`, `--set-file` and `-f` arguments, in Skaffold's order. */
  readonly valueArgs: readonly string[];
}

function sorted(record: Readonly<Record<string, string>> | undefined): [string, string][] {
  return Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Expands a release for `images`: `resolvePath` turns a chart path, values file or set-file path into the one
 * helm should read (relative to the config's directory). `namespace` (`-n`) wins over the release's.
 */
export function expandRelease(
  release: HelmRelease,
  images: readonly BuildOutputEntry[],
  env: Env,
  resolvePath: (path: string) => string,
  namespace?: string,
): ExpandedRelease {
  const envData = templateData({}, env);
  const imageData = templateData(imageTemplateValues(images), env);
  const name = expand("name", release.name, envData, env, true);
  const remote = release.remoteChart ?? "";
  const chartPath =
    release.chartPath === undefined ? "" : expand("chartPath", release.chartPath, envData, env, true);
  const args: string[] = [];
  for (const [key, value] of sorted(release.setValues)) {
    args.push("--set", `${key}=${expand(`setValues.${key}`, value, envData, env, false)}`);
  }
  for (const [key, value] of sorted(release.setFiles))
    args.push("--set-file", `${key}=${resolvePath(value)}`);
  for (const [key, value] of sorted(release.setValueTemplates)) {
    const k = expand("setValueTemplates key", key, imageData, env, false);
    const v = expand(`setValueTemplates.${key}`, value, imageData, env, false).replace(/@$/, "");
    args.push("--set", `${k}=${v}`);
  }
  for (const file of release.valuesFiles ?? []) {
    args.push("-f", resolvePath(expand("valuesFiles", file, imageData, env, false)));
  }
  const releaseNamespace =
    release.namespace === undefined ? "" : expand("namespace", release.namespace, envData, env, true);
  return {
    name,
    chart: remote !== "" ? remote : resolvePath(chartPath),
    local: remote === "",
    namespace: namespace !== undefined && namespace !== "" ? namespace : releaseNamespace,
    version: release.version === undefined ? "" : expand("version", release.version, envData, env, true),
    repo: release.repo === undefined ? "" : expand("repo", release.repo, envData, env, true),
    valueArgs: args,
  };
}

/** `helm template <name> <chart> [flags] <values> [-f overrides] [--version] [--namespace] [--repo] [--skip-tests]`. */
export function helmTemplateArgs(
  release: ExpandedRelease,
  options: {
    readonly templateFlags: readonly string[];
    readonly overridesFile?: string | undefined;
    readonly packaged: boolean;
    readonly skipTests: boolean;
  },
): string[] {
  const args = ["template", release.name, release.chart, ...options.templateFlags, ...release.valueArgs];
  if (options.overridesFile !== undefined) args.push("-f", options.overridesFile);
  if (!options.packaged && release.version !== "") args.push("--version", release.version);
  if (release.namespace !== "") args.push("--namespace", release.namespace);
  if (release.repo !== "") args.push("--repo", release.repo);
  if (options.skipTests) args.push("--skip-tests");
  return args;
}
