import type { SchemaVersion, YamlMap } from "./types.js";
import { ARTIFACTS, isMap, listAt, mapAt, mapsAt, withVersion } from "./util.js";

/**
 * v1alpha1 → v1alpha2: `build.tagPolicy` becomes a tagger mapping, Docker settings move from the artifact into
 * `docker`, kubectl manifests become plain paths (their parameters are gone), and `deploy.name` is dropped.
 */
function upgrade(config: YamlMap): YamlMap {
  const out = withVersion(config, "skaffold/v1alpha2");
  const build = mapAt(out, "build");
  if (build && typeof build.tagPolicy === "string") {
    const policy = build.tagPolicy;
    if (policy === "sha256" || policy === "gitCommit") build.tagPolicy = { [policy]: {} };
    else delete build.tagPolicy;
  }
  for (const artifact of mapsAt(out, ARTIFACTS)) {
    const docker: YamlMap = {};
    const { dockerfilePath, buildArgs } = artifact;
    if (typeof dockerfilePath === "string" && dockerfilePath !== "") docker.dockerfilePath = dockerfilePath;
    if (isMap(buildArgs) && Object.keys(buildArgs).length > 0) docker.buildArgs = buildArgs;
    delete artifact.dockerfilePath;
    delete artifact.buildArgs;
    if (Object.keys(docker).length > 0) artifact.docker = docker;
  }
  const deploy = mapAt(out, "deploy");
  if (deploy) delete deploy.name;
  const kubectl = mapAt(deploy, "kubectl");
  const manifests = listAt(kubectl, "manifests");
  if (kubectl && manifests) {
    const paths = manifests.flatMap((manifest) =>
      isMap(manifest) ? (listAt(manifest, "paths") ?? []) : [manifest],
    );
    if (paths.length > 0) kubectl.manifests = paths;
    else delete kubectl.manifests;
  }
  return out;
}

export const v1alpha1: SchemaVersion = { apiVersion: "skaffold/v1alpha1", upgrade };
