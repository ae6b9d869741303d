/**
 * The effective build settings of a ko artifact: env, flags and ldflags from the artifact (Skaffold
 * turns them into ko's per-build config), else from the matching `.ko.yaml` `builds` entry, each
 * falling back to `.ko.yaml`'s `defaultEnv`/`defaultFlags`/`defaultLdflags`; labels from the artifact.
 * Values are Go templates over the environment plus IMAGE_REPO, IMAGE_NAME and IMAGE_TAG; ko's
 * `{{.Env.X}}` form is accepted as `{{.X}}`, as Skaffold does.
 */
import { resolve } from "node:path";
import { userError } from "../../errors/errors.js";
import type { KoArtifact } from "../../config/schema/builders/ko.js";
import { renderTemplate, templateData } from "../../config/template/index.js";
import type { KoYaml, KoYamlBuild } from "./ko-config.js";

/** What `go build` and the image config get. */
export interface KoSettings {
  readonly env: readonly string[];
  readonly flags: readonly string[];
  readonly ldflags: readonly string[];
  /** The artifact's `gcflags` (a Trestle addition; `.ko.yaml` has none). */
  readonly gcflags: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

/** Skaffold's image template values for a tag: `localhost:5000/team/app:v1` → repo, name, tag. */
export function imageTemplateValues(tag: string): Record<string, string> {
  const at = tag.indexOf("@");
  const withoutDigest = at === -1 ? tag : tag.slice(0, at);
  const colon = withoutDigest.lastIndexOf(":");
  const hasTag = colon > withoutDigest.lastIndexOf("/");
  const name = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const slash = name.lastIndexOf("/");
  return {
    IMAGE_REPO: slash === -1 ? "" : name.slice(0, slash),
    IMAGE_NAME: name.slice(slash + 1),
    IMAGE_TAG: hasTag ? withoutDigest.slice(colon + 1) : "",
  };
}

/** The `.ko.yaml` build entry whose main package is `packageDir`, if any. */
export function matchingBuild(
  koYaml: KoYaml,
  workingDir: string,
  packageDir: string,
): KoYamlBuild | undefined {
  return koYaml.builds?.find((b) => resolve(workingDir, b.dir ?? ".", b.main ?? ".") === resolve(packageDir));
}

/** Skaffold passes a per-build config to ko only when one of these is set (then `.ko.yaml` builds do not apply). */
export function specifiesBuild(ko: KoArtifact): boolean {
  return (
    (ko.dir !== undefined && ko.dir !== "" && ko.dir !== ".") ||
    (ko.main !== undefined && ko.main !== "" && ko.main !== ".") ||
    (ko.env?.length ?? 0) > 0 ||
    (ko.flags?.length ?? 0) > 0 ||
    (ko.ldflags?.length ?? 0) > 0
  );
}

function nonEmpty(list: readonly string[] | undefined): readonly string[] | undefined {
  return list === undefined || list.length === 0 ? undefined : list;
}

/** Inputs of the settings computation. */
export interface SettingsInput {
  readonly ko: KoArtifact;
  readonly koYaml: KoYaml;
  readonly build: KoYamlBuild | undefined;
  readonly tag: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Computes and renders the settings. */
export function koSettings(input: SettingsInput): KoSettings {
  const { ko, koYaml, env } = input;
  const data = templateData(imageTemplateValues(input.tag), env);
  const render = (field: string) => (value: string, index: number) => {
    try {
      return renderTemplate(value.replaceAll("{{.Env.", "{{."), data, { env });
    } catch (cause) {
      throw userError(
        "KO_TEMPLATE",
        `ko.${field}[${index}]: ${cause instanceof Error ? cause.message : String(cause)}`,
        "Fix the template; see Go's text/template syntax.",
      );
    }
  };
  const build = specifiesBuild(ko) ? { env: ko.env, flags: ko.flags, ldflags: ko.ldflags } : input.build;
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(ko.labels ?? {}).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    labels[key] = render(`labels.${key}`)(value, 0);
  }
  return {
    env: (nonEmpty(build?.env) ?? koYaml.defaultEnv ?? []).map(render("env")),
    flags: (nonEmpty(build?.flags) ?? koYaml.defaultFlags ?? []).map(render("flags")),
    ldflags: (nonEmpty(build?.ldflags) ?? koYaml.defaultLdflags ?? []).map(render("ldflags")),
    gcflags: (ko.gcflags ?? []).map(render("gcflags")),
    labels,
  };
}
