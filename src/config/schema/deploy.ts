/** `deploy`: the deployers (any combination) and how a deployment is watched. */
import { z } from "zod";
import { goBool, goInt, goString, opt, stringList, struct } from "./common.js";
import { helmDeployFlagsSchema, helmReleaseSchema } from "./helm.js";
import { deployHooksSchema, hostHooksSchema } from "./hooks.js";

export const kubectlFlagsSchema = struct({
  global: opt(stringList, "Flags added to every `kubectl` command."),
  apply: opt(stringList, "Flags added to `kubectl apply`."),
  delete: opt(stringList, "Flags added to `kubectl delete`."),
  disableValidation: opt(goBool, "Pass `--validate=false`."),
}).meta({ id: "KubectlFlags", description: "Extra command-line flags for `kubectl`." });

export const kubectlDeploySchema = struct({
  flags: opt(kubectlFlagsSchema, "Extra flags for `kubectl`."),
  remoteManifests: opt(
    stringList,
    "Manifests of resources in the cluster to redeploy, e.g. `deployment/web`.",
  ),
  defaultNamespace: opt(goString, "Namespace used when no other is given (templated)."),
  hooks: opt(deployHooksSchema, "Hooks run before and after each deploy."),
}).meta({ id: "KubectlDeploy", description: "Deploy with client-side `kubectl apply`." });

export const legacyHelmDeploySchema = struct({
  concurrency: opt(goInt, "Releases installed in parallel; defaults to 1, 0 means no limit."),
  releases: opt(z.array(helmReleaseSchema), "Releases to install or upgrade."),
  flags: opt(helmDeployFlagsSchema, "Extra flags for `helm`."),
  hooks: opt(deployHooksSchema, "Hooks run before and after each deploy."),
}).meta({ id: "LegacyHelmDeploy", description: "Deploy Helm charts with `helm install/upgrade`." });

export const kptDeploySchema = struct({
  dir: opt(goString, "Directory applied with `kpt live apply`; defaults to `.kpt-pipeline`."),
  applyFlags: opt(stringList, "Extra flags for `kpt live apply`."),
  flags: opt(stringList, "Global `kpt` flags."),
  name: opt(goString, "Name of the inventory object."),
  inventoryID: opt(goString, "Inventory ID annotating the applied resources."),
  namespace: opt(goString, "Namespace of the inventory object."),
  force: opt(goBool, "Overwrite existing inventory values (`kpt live init --force`)."),
  defaultNamespace: opt(goString, "Namespace used when no other is given."),
}).meta({ id: "KptDeploy", description: "Deploy with `kpt live apply`." });

export const dockerDeploySchema = struct({
  useCompose: opt(goBool, "Deploy with Docker Compose (not supported by Skaffold)."),
  images: stringList.describe("Images to run as local containers."),
}).meta({ id: "DockerDeploy", description: "Run the images as containers in the local Docker daemon." });

export const cloudRunDeploySchema = struct({
  projectid: opt(goString, "Cloud project; defaults to the `metadata.namespace` of each manifest."),
  region: opt(goString, "Cloud Run region."),
  hooks: opt(hostHooksSchema, "Host commands run before and after the Cloud Run deploy."),
}).meta({ id: "CloudRunDeploy", description: "Deploy services, jobs and worker pools to Google Cloud Run." });

export const jsonParseConfigSchema = struct({
  fields: opt(stringList, "Top-level fields printed from JSON log lines."),
}).meta({ id: "JSONParseConfig", description: "How JSON log lines are printed." });

export const logsConfigSchema = struct({
  prefix: opt(goString, "Log line prefix: `container`, `podAndContainer`, `auto` or `none`."),
  jsonParse: opt(jsonParseConfigSchema, "Print selected fields of JSON log lines."),
}).meta({ id: "LogsConfig", description: "How container logs are printed." });

/** Skaffold's `DeployType`, inlined into `deploy`: any combination of deployers may be set. */
export const deployTypeShape = {
  docker: opt(dockerDeploySchema, "Run the images as local Docker containers."),
  helm: opt(legacyHelmDeploySchema, "Deploy Helm charts with the `helm` CLI."),
  kpt: opt(kptDeploySchema, "Deploy with `kpt live apply`."),
  kubectl: opt(kubectlDeploySchema, "Deploy with `kubectl apply` (the default)."),
  cloudrun: opt(cloudRunDeploySchema, "Deploy to Google Cloud Run."),
};

export const deployConfigSchema = struct({
  ...deployTypeShape,
  statusCheck: opt(goBool, "Wait for deployed resources to become ready; defaults to true."),
  statusCheckDeadlineSeconds: opt(goInt, "How long to wait for readiness; defaults to 600."),
  tolerateFailuresUntilDeadline: opt(goBool, "Keep waiting through failures until the deadline."),
  kubeContext: opt(goString, "Kubernetes context to deploy to."),
  logs: opt(logsConfigSchema, "How container logs are printed."),
}).meta({ id: "DeployConfig", description: "How the rendered manifests are deployed." });

export type KubectlFlags = z.infer<typeof kubectlFlagsSchema>;
export type KubectlDeploy = z.infer<typeof kubectlDeploySchema>;
export type LegacyHelmDeploy = z.infer<typeof legacyHelmDeploySchema>;
export type KptDeploy = z.infer<typeof kptDeploySchema>;
export type DockerDeploy = z.infer<typeof dockerDeploySchema>;
export type CloudRunDeploy = z.infer<typeof cloudRunDeploySchema>;
export type LogsConfig = z.infer<typeof logsConfigSchema>;
export type DeployConfig = z.infer<typeof deployConfigSchema>;
