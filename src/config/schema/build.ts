/** `build`: artifacts, tagging, and where builds run (local daemon, Google Cloud Build or the cluster). */
import { z } from "zod";
import { artifactSchema } from "./artifact.js";
import { clusterDetailsSchema } from "./cluster.js";
import { goBool, goInt, goString, opt, requiredString, stringList, struct } from "./common.js";
import { hostHooksSchema } from "./hooks.js";
import { tagPolicySchema } from "./tag-policy.js";

export const localBuildSchema = struct({
  push: opt(goBool, "Push images; unset pushes only when the Kubernetes context is not a local cluster."),
  tryImportMissing: opt(goBool, "Import images missing from the cache from Docker or the registry."),
  useDockerCLI: opt(goBool, "Use the `docker` CLI instead of the Engine API."),
  useBuildkit: opt(goBool, "Build with BuildKit; unset uses Docker's default."),
  concurrency: opt(goInt, "Artifacts built in parallel; defaults to 1, 0 means no limit."),
}).meta({ id: "LocalBuild", description: "Build with the local Docker daemon and optionally push." });

export const platformEmulatorInstallStepSchema = struct({
  image: requiredString.describe("Image installing the QEMU emulation tooling."),
  args: opt(stringList, "Arguments for the installer image."),
  entrypoint: opt(goString, "Entrypoint of the installer image."),
}).meta({ id: "PlatformEmulatorInstallStep", description: "Pre-build step enabling cross-platform builds." });

export const googleCloudBuildSchema = struct({
  projectId: opt(goString, "Cloud project; guessed from a `gcr.io/<project>/…` image name when unset."),
  diskSizeGb: opt(goInt, "Disk size of the build VM."),
  machineType: opt(goString, "Machine type of the build VM."),
  timeout: opt(goString, "Maximum build duration."),
  logging: opt(goString, "Logging mode: `LOGGING_UNSPECIFIED`, `LEGACY` or `GCS_ONLY`."),
  logStreamingOption: opt(goString, "Log streaming: `STREAM_DEFAULT`, `STREAM_ON` or `STREAM_OFF`."),
  dockerImage: opt(goString, "Image running Docker builds; defaults to `gcr.io/cloud-builders/docker`."),
  kanikoImage: opt(goString, "Image running kaniko builds; defaults to `gcr.io/kaniko-project/executor`."),
  mavenImage: opt(goString, "Image running Maven builds; defaults to `gcr.io/cloud-builders/mvn`."),
  gradleImage: opt(goString, "Image running Gradle builds; defaults to `gcr.io/cloud-builders/gradle`."),
  packImage: opt(goString, "Image running buildpacks builds; defaults to `gcr.io/k8s-skaffold/pack`."),
  koImage: opt(
    goString,
    "Image running ko builds (needs Skaffold, Go and sh); defaults to `gcr.io/k8s-skaffold/skaffold`.",
  ),
  bucket: opt(goString, "Cloud Storage bucket for the uploaded sources; defaults to `<project>_cloudbuild`."),
  concurrency: opt(goInt, "Artifacts built in parallel; 0 (default) means no limit."),
  workerPool: opt(goString, "Private worker pool running the build."),
  region: opt(goString, "Region of the build; deduced from `workerPool` when set, global otherwise."),
  platformEmulatorInstallStep: opt(
    platformEmulatorInstallStepSchema,
    "Step installing QEMU emulation for cross-platform builds; defaults to the `docker/binfmt` image.",
  ),
  serviceAccount: opt(goString, "Service account running the build; defaults to the Cloud Build account."),
}).meta({ id: "GoogleCloudBuild", description: "Build remotely on Google Cloud Build." });

/** Skaffold's `BuildType`, inlined into `build`: at most one build environment. */
export const buildTypeShape = {
  local: opt(localBuildSchema, "Build with the local Docker daemon (the default)."),
  googleCloudBuild: opt(googleCloudBuildSchema, "Build on Google Cloud Build."),
  cluster: opt(clusterDetailsSchema, "Build in the Kubernetes cluster with kaniko."),
};

export const buildConfigSchema = struct({
  hooks: opt(hostHooksSchema, "Host commands run before and after the whole build phase."),
  artifacts: opt(z.array(artifactSchema), "The images to build."),
  insecureRegistries: opt(stringList, "Registries reached over plain HTTP."),
  tagPolicy: opt(tagPolicySchema, "How images are tagged; defaults to `gitCommit: {variant: Tags}`."),
  platforms: opt(
    stringList,
    "Target platforms (`os[/arch[/variant]]`) for every artifact, e.g. `linux/amd64`.",
  ),
  ...buildTypeShape,
}).meta({ id: "BuildConfig", description: "How images are built, tagged and where." });

export type LocalBuild = z.infer<typeof localBuildSchema>;
export type PlatformEmulatorInstallStep = z.infer<typeof platformEmulatorInstallStepSchema>;
export type GoogleCloudBuild = z.infer<typeof googleCloudBuildSchema>;
export type BuildConfig = z.infer<typeof buildConfigSchema>;
