/** Helm releases, shared by the render stage (`manifests.helm`) and the Helm deployer (`deploy.helm`). */
import type { z } from "zod";
import {
  flatMap,
  goBool,
  goString,
  opt,
  requiredString,
  stringList,
  stringMap,
  struct,
  yamlMap,
} from "./common.js";

export const helmDeployFlagsSchema = struct({
  global: opt(stringList, "Flags added to every `helm` command."),
  install: opt(stringList, "Flags added to `helm install`."),
  upgrade: opt(stringList, "Flags added to `helm upgrade`."),
  depBuild: opt(stringList, "Flags added to `helm dep build`."),
  template: opt(stringList, "Flags added to `helm template`."),
}).meta({ id: "HelmDeployFlags", description: "Extra command-line flags for `helm`." });

export const helmPackagedSchema = struct({
  version: opt(goString, "Chart `version` to set (semver)."),
  appVersion: opt(goString, "Chart `appVersion` to set."),
}).meta({ id: "HelmPackaged", description: "Package the chart (`helm package`) with these versions." });

export const helmReleaseSchema = struct({
  name: requiredString.describe("Release name (templated)."),
  chartPath: opt(goString, "Local chart directory or packaged chart (templated); set this or `remoteChart`."),
  remoteChart: opt(goString, "Remote chart reference or URL; set this or `chartPath`."),
  valuesFiles: opt(stringList, "Values files passed with `-f` (templated)."),
  namespace: opt(goString, "Namespace of the release (templated)."),
  version: opt(goString, "Chart version (templated)."),
  setValues: opt(flatMap, "Values passed with `--set`; nested maps become dotted keys (templated)."),
  setValueTemplates: opt(
    flatMap,
    "Values passed with `--set` after template expansion, e.g. `{{.IMAGE_FULLY_QUALIFIED_myimage}}`.",
  ),
  setFiles: opt(stringMap, "Values read from files, passed with `--set-file`."),
  createNamespace: opt(goBool, "Pass `--create-namespace` (Helm 3.2+)."),
  wait: opt(goBool, "Pass `--wait`."),
  recreatePods: opt(goBool, "Pass `--recreate-pods` on upgrades in the dev loop."),
  skipBuildDependencies: opt(goBool, "Do not run `helm dep build` (ignored for remote charts)."),
  skipTests: opt(goBool, "Leave chart tests out of the rendered manifests."),
  useHelmSecrets: opt(goBool, "Use the helm-secrets plugin."),
  repo: opt(goString, "Chart repository for a remote chart (`--repo`)."),
  upgradeOnChange: opt(
    goBool,
    "Upgrade on source changes; defaults to true for local charts, false for remote.",
  ),
  overrides: opt(yamlMap, "Values written to a generated values file passed with `-f`."),
  packaged: opt(helmPackagedSchema, "Package the chart before installing it."),
  dependsOn: opt(stringList, "Releases that must be deployed before this one."),
}).meta({ id: "HelmRelease", description: "A Helm chart release." });

export type HelmDeployFlags = z.infer<typeof helmDeployFlagsSchema>;
export type HelmPackaged = z.infer<typeof helmPackagedSchema>;
export type HelmRelease = z.infer<typeof helmReleaseSchema>;
