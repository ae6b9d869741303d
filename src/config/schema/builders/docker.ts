/** The `docker` builder: a Dockerfile built by the Docker daemon (Engine API or the `docker` CLI). */
import { z } from "zod";
import { goBool, goString, nullableStringMap, opt, requiredString, stringList, struct } from "../common.js";

export const dockerSecretSchema = struct({
  id: requiredString.describe("Secret id, as referenced by `RUN --mount=type=secret,id=…`."),
  src: opt(goString, "Host file holding the secret (set this or `env`)."),
  env: opt(goString, "Environment variable holding the secret (set this or `src`)."),
}).meta({ id: "DockerSecret", description: "A BuildKit secret passed with `--secret` (needs BuildKit)." });

export const dockerArtifactSchema = struct({
  dockerfile: opt(goString, "Dockerfile path relative to the context; defaults to `Dockerfile`."),
  target: opt(goString, "Multi-stage target to build."),
  buildArgs: opt(
    nullableStringMap,
    "`--build-arg` values (templated; IMAGE_REPO, IMAGE_NAME and IMAGE_TAG are available). A null value takes the variable from the environment.",
  ),
  network: opt(
    goString,
    "Network mode for RUN steps: `host`, `bridge`, `none`, `container:<id>` or a network name.",
  ),
  addHost: opt(stringList, "Extra `host:ip` entries for /etc/hosts during the build."),
  cacheFrom: opt(stringList, "Images used as layer cache sources."),
  cliFlags: opt(stringList, "Extra flags for `docker build` (forces the CLI)."),
  pullParent: opt(goBool, "Always try to pull newer versions of the base images."),
  noCache: opt(goBool, "Build without the layer cache (`--no-cache`)."),
  squash: opt(goBool, "Squash the new layers into one (`--squash`)."),
  secrets: opt(z.array(dockerSecretSchema), "BuildKit secrets (`--secret`)."),
  ssh: opt(
    goString,
    "SSH agent socket or keys to expose (`--ssh`), `default|<id>[=<socket>|<key>[,<key>]]`.",
  ),
}).meta({ id: "DockerArtifact", description: "Builds an image from a Dockerfile with Docker." });

export type DockerSecret = z.infer<typeof dockerSecretSchema>;
export type DockerArtifact = z.infer<typeof dockerArtifactSchema>;
