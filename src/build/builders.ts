import { artifactTypeOf } from "../config/artifact-type.js";
import type { Artifact, ArtifactType } from "../config/schema/index.js";
import { userError } from "../errors/errors.js";
import type { DockerDaemon } from "../docker/index.js";
import { dockerCli } from "../docker/index.js";
import { dockerConfigCredentials } from "../oci/registry/credentials.js";
import type { Exec } from "../proc/exec.js";
import { BuildpacksBuilder } from "./buildpacks/index.js";
import { CustomBuilder } from "./custom/index.js";
import { DockerBuilder } from "./docker/index.js";
import { KoBuilder } from "./ko/builder.js";
import type { ArtifactBuilder, BuildRequest, BuiltImage, DependencyLister } from "./types.js";

/** A builder for one artifact type that also lists the artifact's input files. */
export type Builder = ArtifactBuilder & DependencyLister;

/** What builders are made from: the process runner, the engine, and the pipeline's `build.local` settings. */
export interface BuilderDeps {
  readonly exec: Exec;
  readonly daemon: () => DockerDaemon;
  readonly insecureRegistries: readonly string[];
  readonly useDockerCLI?: boolean | undefined;
  readonly useBuildkit?: boolean | undefined;
  readonly skipTests: boolean;
  readonly cwd: string;
}

type BuilderFactory = (deps: BuilderDeps) => Builder;

function planned(type: string, where: string): BuilderFactory {
  const fail = (): never => {
    throw userError("BUILDER_NOT_SUPPORTED", `the ${type} builder is not supported by Trestle yet`, where);
  };
  return () => ({ build: fail, dependencies: fail });
}

/** The one place a config key picks a builder implementation. */
const factories = {
  docker: (deps) =>
    new DockerBuilder({
      daemon: deps.daemon(),
      cli: dockerCli(deps.exec),
      cwd: deps.cwd,
      ...(deps.useDockerCLI === undefined ? {} : { useDockerCLI: deps.useDockerCLI }),
      ...(deps.useBuildkit === undefined ? {} : { useBuildkit: deps.useBuildkit }),
    }),
  ko: (deps) =>
    new KoBuilder({ exec: deps.exec, insecureRegistries: deps.insecureRegistries, daemon: deps.daemon }),
  custom: (deps) => new CustomBuilder({ exec: deps.exec, daemon: deps.daemon(), skipTests: deps.skipTests }),
  buildpacks: (deps) =>
    new BuildpacksBuilder({
      daemon: deps.daemon(),
      insecureRegistries: deps.insecureRegistries,
      credentials: dockerConfigCredentials({ exec: deps.exec }),
    }),
  jib: planned("jib", "Build the image with a Dockerfile or a custom builder that runs Jib."),
  bazel: planned("bazel", "Use a custom builder that runs `bazel build` and loads the image."),
  kaniko: planned(
    "kaniko",
    "In-cluster kaniko builds are not supported; remove build.cluster to build locally.",
  ),
} satisfies Record<ArtifactType, BuilderFactory>;

/**
 * Dispatches each artifact to the builder of its type. Builders are created on first use, one per type and
 * pipeline settings (`settingsOf` returns the `build.local` settings of the artifact's config).
 */
export function builderFor(settingsOf: (artifact: Artifact) => BuilderDeps): Builder {
  const made = new Map<string, Builder>();
  const pick = (artifact: Artifact): Builder => {
    const type = artifactTypeOf(artifact) ?? "docker";
    const deps = settingsOf(artifact);
    const key = `${type}:${String(deps.useDockerCLI)}:${String(deps.useBuildkit)}`;
    let builder = made.get(key);
    if (!builder) {
      builder = factories[type](deps);
      made.set(key, builder);
    }
    return builder;
  };
  return {
    build: (request: BuildRequest): Promise<BuiltImage> => pick(request.artifact).build(request),
    dependencies: (artifact, workspace, env) => pick(artifact).dependencies(artifact, workspace, env),
  };
}
