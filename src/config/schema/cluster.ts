/** `build.cluster`: in-cluster builds (kaniko pods). */
import { z } from "zod";
import { goBool, goInt, goString, opt, stringMap, struct } from "./common.js";
import { tolerationSchema, volumeSchema } from "./kubernetes.js";

export const dockerConfigSchema = struct({
  path: opt(goString, "Local Docker `config.json` to mount."),
  secretName: opt(goString, "Existing Opaque secret holding a `config.json`."),
}).meta({ id: "DockerConfig", description: "Docker registry credentials mounted into the build pod." });

export const resourceRequirementSchema = struct({
  cpu: opt(goString, "CPU cores, e.g. `2`, `2.0` or `200m`."),
  memory: opt(goString, "Memory, e.g. `1Gi` or `1000Mi`."),
  ephemeralStorage: opt(goString, "Ephemeral storage, e.g. `1Gi`."),
  resourceStorage: opt(goString, "Resource storage, e.g. `1Gi`."),
}).meta({ id: "ResourceRequirement", description: "CPU, memory and storage amounts." });

export const resourceRequirementsSchema = struct({
  requests: opt(resourceRequirementSchema, "Resources requested for the build pod."),
  limits: opt(resourceRequirementSchema, "Resource limits of the build pod."),
}).meta({ id: "ResourceRequirements", description: "Resource requests and limits of the build pod." });

export const clusterDetailsSchema = struct({
  HTTP_PROXY: opt(goString, "HTTP proxy for the build pod."),
  HTTPS_PROXY: opt(goString, "HTTPS proxy for the build pod."),
  pullSecretPath: opt(goString, "Google Cloud service account key file used to create the pull secret."),
  pullSecretName: opt(
    goString,
    "Secret (key `kaniko-secret`) for pulling bases and pushing; defaults to `kaniko-secret`.",
  ),
  pullSecretMountPath: opt(goString, "Where the pull secret is mounted in the build container."),
  namespace: opt(goString, "Namespace of the build pods; defaults to the current context's."),
  timeout: opt(goString, "Maximum build duration; defaults to `20m`."),
  dockerConfig: opt(dockerConfigSchema, "Docker credentials mounted into the build pod."),
  serviceAccount: opt(goString, "Service account of the build pod."),
  tolerations: opt(z.array(tolerationSchema), "Tolerations of the build pod."),
  nodeSelector: opt(stringMap, "Node selector of the build pod."),
  annotations: opt(stringMap, "Annotations of the build pod."),
  labels: opt(stringMap, "Labels of the build pod."),
  runAsUser: opt(goInt, "UID the build container runs as; unset leaves the security context out."),
  resources: opt(resourceRequirementsSchema, "Resource requests and limits of the build pod."),
  concurrency: opt(goInt, "Artifacts built in parallel; 0 (default) means no limit."),
  volumes: opt(z.array(volumeSchema), "Extra volumes (config maps, secrets…) of the build pod."),
  randomPullSecret: opt(goBool, "Suffix the pull secret name with a random UUID (parallel builds)."),
  randomDockerConfigSecret: opt(goBool, "Suffix the Docker config secret name with a random UUID."),
}).meta({ id: "ClusterDetails", description: "Build in the Kubernetes cluster with kaniko." });

export type DockerConfig = z.infer<typeof dockerConfigSchema>;
export type ResourceRequirement = z.infer<typeof resourceRequirementSchema>;
export type ResourceRequirements = z.infer<typeof resourceRequirementsSchema>;
export type ClusterDetails = z.infer<typeof clusterDetailsSchema>;
