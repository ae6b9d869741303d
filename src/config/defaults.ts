import { ARTIFACT_TYPES, BUILD_ENVIRONMENTS, DEPLOYERS, TAGGERS } from "./schema/index.js";
import { hasAny, isMap, mapAt, mapsIn, setDefault, type DataMap } from "../util/data.js";

/** Skaffold's default constants (pkg/skaffold/constants, build/kaniko). */
export const DEFAULTS = {
  dockerfile: "Dockerfile",
  buildpacksBuilder: "gcr.io/buildpacks/builder:v1",
  projectDescriptor: "project.toml",
  localConcurrency: 1,
  kubectlManifests: ["k8s/*.yaml"],
  portForwardAddress: "127.0.0.1",
  kanikoImage: "gcr.io/kaniko-project/executor:latest",
  busyboxImage: "gcr.io/k8s-skaffold/skaffold-helpers/busybox",
  kanikoDigestFile: "/dev/termination-log",
  kanikoCopyMaxRetries: 3,
  kanikoCopyTimeout: "5m",
  kanikoCompressionLevel: 1,
  clusterTimeout: "20m",
  pullSecretName: "kaniko-secret",
  pullSecretMountPath: "/secret",
  dockerConfigSecretName: "docker-cfg",
  logsPrefix: "container",
} as const;

const CLOUD_BUILD_IMAGES: Record<string, string> = {
  dockerImage: "gcr.io/cloud-builders/docker",
  mavenImage: "gcr.io/cloud-builders/mvn",
  gradleImage: "gcr.io/cloud-builders/gradle",
  kanikoImage: DEFAULTS.kanikoImage,
  packImage: "gcr.io/k8s-skaffold/pack",
  koImage: "gcr.io/k8s-skaffold/skaffold",
};

export interface DefaultsContext {
  /** The current kube-context's namespace (for `build.cluster.namespace`); read only when needed. */
  readonly currentNamespace: () => string;
}

function setArtifactDefaults(artifact: DataMap, clusterBuild: boolean): void {
  setDefault(artifact, "context", ".");
  const sync = artifact["sync"];
  const usesAutoSync = isMap(artifact["jib"]) || isMap(artifact["buildpacks"]);
  if (isMap(sync)) {
    const empty = !hasNonEmpty(sync, "manual") && !hasNonEmpty(sync, "infer") && sync["auto"] === undefined;
    if (empty) {
      if (usesAutoSync) sync["auto"] = true;
      else sync["infer"] = ["**/*"];
    }
  } else if (isMap(artifact["buildpacks"])) {
    artifact["sync"] = { auto: true };
  }
  if (!hasAny(artifact, ARTIFACT_TYPES)) {
    artifact[clusterBuild ? "kaniko" : "docker"] = {};
  } else if (
    clusterBuild &&
    !isMap(artifact["custom"]) &&
    !isMap(artifact["buildpacks"]) &&
    !isMap(artifact["kaniko"])
  ) {
    artifact["kaniko"] = {};
  }
  const docker = artifact["docker"];
  if (isMap(docker)) setDefault(docker, "dockerfile", DEFAULTS.dockerfile);
  const kaniko = artifact["kaniko"];
  if (isMap(kaniko)) setKanikoDefaults(kaniko);
  const custom = artifact["custom"];
  if (isMap(custom) && !isMap(custom["dependencies"])) custom["dependencies"] = { paths: ["."] };
  const buildpacks = artifact["buildpacks"];
  if (isMap(buildpacks)) {
    setDefault(buildpacks, "projectDescriptor", DEFAULTS.projectDescriptor);
    if (!isMap(buildpacks["dependencies"])) buildpacks["dependencies"] = { paths: ["."] };
    if (!buildpacks["builder"] && !hasNonEmpty(buildpacks, "buildpacks")) {
      buildpacks["builder"] = DEFAULTS.buildpacksBuilder;
      buildpacks["trustBuilder"] = true;
    }
  }
  for (const dependency of mapsIn(artifact, "requires")) setDefault(dependency, "alias", dependency["image"]);
}

function setKanikoDefaults(kaniko: DataMap): void {
  setDefault(kaniko, "image", DEFAULTS.kanikoImage);
  setDefault(kaniko, "dockerfile", DEFAULTS.dockerfile);
  setDefault(kaniko, "initImage", DEFAULTS.busyboxImage);
  setDefault(kaniko, "digestFile", DEFAULTS.kanikoDigestFile);
  const cache = kaniko["cache"];
  if (isMap(cache)) setDefault(cache, "cacheRunLayers", true);
  setDefault(kaniko, "copyMaxRetries", DEFAULTS.kanikoCopyMaxRetries);
  setDefault(kaniko, "copyTimeout", DEFAULTS.kanikoCopyTimeout);
  setDefault(kaniko, "buildContextCompressionLevel", DEFAULTS.kanikoCompressionLevel);
}

function hasNonEmpty(map: DataMap, key: string): boolean {
  const value = map[key];
  return Array.isArray(value) && value.length > 0;
}

function setClusterDefaults(cluster: DataMap, ctx: DefaultsContext): void {
  setDefault(cluster, "namespace", ctx.currentNamespace());
  setDefault(cluster, "timeout", DEFAULTS.clusterTimeout);
  setDefault(cluster, "pullSecretMountPath", DEFAULTS.pullSecretMountPath);
  if (cluster["pullSecretPath"]) {
    const suffix = cluster["randomPullSecret"] === true ? crypto.randomUUID() : "";
    setDefault(cluster, "pullSecretName", DEFAULTS.pullSecretName + suffix);
  }
  const dockerConfig = cluster["dockerConfig"];
  if (isMap(dockerConfig)) {
    const suffix = cluster["randomDockerConfigSecret"] === true ? crypto.randomUUID() : "";
    setDefault(dockerConfig, "secretName", DEFAULTS.dockerConfigSecretName + suffix);
  }
}

/**
 * Applies Skaffold's load-time defaults (schema/defaults/defaults.go `Set`, then `SetDefaultRenderer` and
 * `SetDefaultDeployer`) to a copy of a config, after profiles. Pure apart from the namespace lookup.
 */
export function applyDefaults<T extends object>(config: T, ctx: DefaultsContext): T {
  const result = structuredClone(config) as DataMap;
  const build = mapAt(result, "build");
  if (!hasAny(build, BUILD_ENVIRONMENTS)) build["local"] = {};
  const tagPolicy = mapAt(build, "tagPolicy");
  if (!hasAny(tagPolicy, TAGGERS)) tagPolicy["gitCommit"] = {};
  const deploy = mapAt(result, "deploy");
  setDefault(mapAt(deploy, "logs"), "prefix", DEFAULTS.logsPrefix);
  const helm = deploy["helm"];
  if (isMap(helm)) setDefault(helm, "concurrency", 1);
  const artifacts = mapsIn(build, "artifacts");
  for (const artifact of artifacts) setArtifactDefaults(artifact, isMap(build["cluster"]));
  const local = build["local"];
  if (isMap(local) && artifacts.length > 0) setDefault(local, "concurrency", DEFAULTS.localConcurrency);
  const gcb = build["googleCloudBuild"];
  if (isMap(gcb)) for (const [key, image] of Object.entries(CLOUD_BUILD_IMAGES)) setDefault(gcb, key, image);
  const cluster = build["cluster"];
  if (isMap(cluster)) setClusterDefaults(cluster, ctx);
  for (const forward of mapsIn(result, "portForward")) {
    if (!forward["localPort"] && typeof forward["port"] === "number") forward["localPort"] = forward["port"];
    setDefault(forward, "address", DEFAULTS.portForwardAddress);
  }
  for (const test of mapsIn(result, "test")) setDefault(test, "context", ".");
  setDefaultRenderer(result);
  if (!hasAny(deploy, DEPLOYERS)) deploy["kubectl"] = {};
  return result as T;
}

function setDefaultRenderer(config: DataMap): void {
  const manifests = mapAt(config, "manifests");
  const deploy = mapAt(config, "deploy");
  if (hasNonEmpty(manifests, "kpt")) return;
  if (hasNonEmpty(manifests, "rawYaml")) {
    if (!isMap(deploy["kubectl"]) && !isMap(deploy["cloudrun"])) deploy["kubectl"] = {};
    return;
  }
  if (hasAny(manifests, ["kustomize", "helm"]) || hasAny(deploy, ["helm", "docker", "cloudrun"])) return;
  manifests["rawYaml"] = [...DEFAULTS.kubectlManifests];
}
