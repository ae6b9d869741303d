/** `requires`: other Skaffold configs (modules) this one depends on. */
import { z } from "zod";
import { goBool, goString, opt, requiredString, stringList, struct } from "./common.js";

const remoteCheckoutShape = {
  path: opt(goString, "Path of the skaffold.yaml relative to the repository root."),
  ref: opt(goString, "Git ref to check out, e.g. `main`."),
  sync: opt(goBool, "Reset the cached copy to the remote on every run (false keeps local changes)."),
};

export const gitInfoSchema = struct({
  repo: requiredString.describe("Git repository URL."),
  ...remoteCheckoutShape,
}).meta({ id: "GitInfo", description: "Configs taken from a git repository." });

export const googleCloudStorageInfoSchema = struct({
  source: opt(goString, "Objects to copy, e.g. `gs://bucket/dir/*`."),
  path: opt(goString, "Path of the skaffold.yaml relative to the copied source."),
  sync: opt(goBool, "Refresh the cached copy on every run."),
}).meta({ id: "GoogleCloudStorageInfo", description: "Configs copied from Google Cloud Storage." });

export const googleCloudBuildRepoV2InfoSchema = struct({
  projectID: requiredString.describe("Cloud project holding the repository connection."),
  region: requiredString.describe("Region of the repository connection."),
  connection: requiredString.describe("Name of the Cloud Build connection."),
  repo: requiredString.describe("Repository name under the connection."),
  ...remoteCheckoutShape,
}).meta({
  id: "GoogleCloudBuildRepoV2Info",
  description: "Configs from a Cloud Build (2nd gen) repository.",
});

export const profileDependencySchema = struct({
  name: requiredString.describe("Profile of the required config to activate."),
  activatedBy: opt(stringList, "Profiles of this config that activate it; empty means always."),
}).meta({
  id: "ProfileDependency",
  description: "Maps this config's profiles to a profile of the required config.",
});

export const configDependencySchema = struct({
  configs: opt(stringList, "Names of the configs to import; empty imports all configs of the file."),
  path: opt(goString, "Local skaffold.yaml (or its directory)."),
  git: opt(gitInfoSchema, "Remote git repository."),
  googleCloudStorage: opt(googleCloudStorageInfoSchema, "Google Cloud Storage objects."),
  googleCloudBuildRepoV2: opt(googleCloudBuildRepoV2InfoSchema, "Cloud Build (2nd gen) repository."),
  activeProfiles: opt(z.array(profileDependencySchema), "Profiles to activate in the required configs."),
}).meta({
  id: "ConfigDependency",
  description:
    "Required configs; set one source: `path`, `git`, `googleCloudStorage` or `googleCloudBuildRepoV2`.",
});

export type GitInfo = z.infer<typeof gitInfoSchema>;
export type GoogleCloudStorageInfo = z.infer<typeof googleCloudStorageInfoSchema>;
export type GoogleCloudBuildRepoV2Info = z.infer<typeof googleCloudBuildRepoV2InfoSchema>;
export type ProfileDependency = z.infer<typeof profileDependencySchema>;
export type ConfigDependency = z.infer<typeof configDependencySchema>;
