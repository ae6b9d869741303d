/** The `kaniko` builder: Dockerfile builds run in a kaniko pod on the cluster (`build.cluster`). */
import { z } from "zod";
import { goBool, goInt, goString, nullableStringMap, opt, stringList, struct } from "../common.js";
import { envVarSchema, volumeMountSchema } from "../kubernetes.js";

export const kanikoCacheSchema = struct({
  repo: opt(goString, "Repository for cached layers; inferred from the image name when unset."),
  hostPath: opt(goString, "Node path, pre-filled by kaniko-warmer, mounted read-only as a base-image cache."),
  ttl: opt(goString, "Cache lifetime, e.g. `24h`."),
  cacheCopyLayers: opt(goBool, "Also cache COPY layers."),
  cacheRunLayers: opt(goBool, "Cache RUN layers (default true)."),
}).meta({ id: "KanikoCache", description: "Remote layer caching for kaniko." });

const flags = {
  cleanup: opt(goBool, "Clean the filesystem at the end of the build."),
  insecure: opt(goBool, "Push to plain-HTTP registries."),
  insecurePull: opt(goBool, "Pull from plain-HTTP registries."),
  force: opt(goBool, "Build even outside a container."),
  logTimestamp: opt(goBool, "Add timestamps to the log output."),
  reproducible: opt(goBool, "Strip timestamps from the image."),
  singleSnapshot: opt(goBool, "Snapshot the filesystem once, at the end (one layer)."),
  skipTLS: opt(goBool, "Skip TLS verification when pushing."),
  skipTLSVerifyPull: opt(goBool, "Skip TLS verification when pulling."),
  skipUnusedStages: opt(goBool, "Build only the stages the target needs."),
  useNewRun: opt(goBool, "Use kaniko's experimental snapshot-free RUN implementation."),
  whitelistVarRun: opt(goBool, "Ignore `/var/run` when snapshotting."),
};

export const kanikoArtifactSchema = struct({
  ...flags,
  dockerfile: opt(goString, "Dockerfile path relative to the context; defaults to `Dockerfile`."),
  target: opt(goString, "Multi-stage target to build."),
  initImage: opt(
    goString,
    "Image of the init container that receives the build context; defaults to busybox.",
  ),
  image: opt(goString, "Kaniko executor image; defaults to the released `gcr.io/kaniko-project/executor`."),
  imagePullSecret: opt(goString, "Secret used to pull the kaniko and init images."),
  destination: opt(stringList, "Additional tags to push."),
  digestFile: opt(
    goString,
    "File in the container receiving the image digest; defaults to `/dev/termination-log`.",
  ),
  imageFSExtractRetry: opt(goString, "Retries when extracting a base image filesystem."),
  imageNameWithDigestFile: opt(goString, "File receiving the image name with its digest."),
  logFormat: opt(goString, "Log format: `text`, `color` or `json`."),
  ociLayoutPath: opt(goString, "Directory receiving the image as an OCI layout."),
  registryMirror: opt(goString, "Registry mirror used instead of `index.docker.io`."),
  snapshotMode: opt(goString, "Filesystem snapshot strategy (`full`, `redo`, `time`)."),
  pushRetry: opt(goString, "Retries when pushing the image."),
  tarPath: opt(goString, "Save the image as a tarball at this path instead of pushing."),
  verbosity: opt(goString, "Log level: panic, fatal, error, warn, info, debug or trace."),
  insecureRegistry: opt(stringList, "Registries reached over plain HTTP."),
  skipTLSVerifyRegistry: opt(stringList, "Registries whose TLS certificates are not verified."),
  env: opt(z.array(envVarSchema), "Environment of the kaniko container (values templated)."),
  cache: opt(kanikoCacheSchema, "Enable remote layer caching."),
  registryCertificate: opt(nullableStringMap, "Per-registry certificate paths (`my.registry: /path/cert`)."),
  label: opt(nullableStringMap, "Labels added to the image."),
  buildArgs: opt(
    nullableStringMap,
    "`--build-arg` values (templated; IMAGE_REPO, IMAGE_NAME, IMAGE_TAG available).",
  ),
  volumeMounts: opt(z.array(volumeMountSchema), "Volume mounts of the kaniko container."),
  contextSubPath: opt(goString, "Sub-directory of the context to build from."),
  ignorePaths: opt(stringList, "Paths left out of snapshots."),
  copyMaxRetries: opt(goInt, "Retries when copying the build context to the cluster; defaults to 3."),
  copyTimeout: opt(goString, "Timeout for copying the build context; defaults to `5m`."),
  buildContextCompressionLevel: opt(
    goInt,
    "Gzip level (-2..9) of the uploaded context: 0 none, 1 fastest (default), 9 best, -1 default, -2 Huffman only.",
  ),
}).meta({ id: "KanikoArtifact", description: "Builds a Dockerfile with kaniko in the cluster." });

export type KanikoCache = z.infer<typeof kanikoCacheSchema>;
export type KanikoArtifact = z.infer<typeof kanikoArtifactSchema>;
