/**
 * The `buildpacks` artifact builder. Trestle is the CNB platform itself (no `pack`): it reads the builder
 * image's metadata, negotiates the Platform API, computes the platform env and the buildpack order, copies
 * the app in, and runs the lifecycle (creator for trusted builders, else the five phases) through the
 * engine, exporting to the engine or, when pushing, straight to the registry.
 */
import { createHash } from "node:crypto";
import { isAbsolute, resolve } from "node:path";
import type { Artifact, BuildpackArtifact } from "../../config/schema/index.js";
import { TrestleError, userError } from "../../errors/errors.js";
import type { DockerDaemon, ImageDetails } from "../../docker/index.js";
import type { CredentialStore } from "../../oci/registry/credentials.js";
import { listPathDependencies } from "../path-dependencies.js";
import { parseImageReference } from "../tag/reference.js";
import type { ArtifactBuilder, BuildRequest, BuiltImage, DependencyLister } from "../types.js";
import { appFilter, appTarEntries } from "./app-files.js";
import { readBuilderInfo, type BuilderInfo, type BuildpackRef } from "./builder-metadata.js";
import { buildpacksEnv } from "./env.js";
import { runLifecycle } from "./lifecycle.js";
import { orderToml, resolveGroup } from "./order.js";
import { planPhases } from "./phases.js";
import { choosePlatformApi } from "./platform-api.js";
import { readProjectDescriptor } from "./project-descriptor.js";
import { registryAuthEnv } from "./registry-auth.js";
import { isTrustedBuilder } from "./trusted.js";

/** What the buildpacks builder needs. */
export interface BuildpacksBuilderOptions {
  readonly daemon: Pick<DockerDaemon, "images" | "registry" | "containers" | "io" | "volumes" | "files">;
  readonly insecureRegistries: readonly string[];
  /** Registry credentials handed to the lifecycle when publishing (`CNB_REGISTRY_AUTH`); none: anonymous. */
  readonly credentials?: CredentialStore;
}

/** Skaffold's default builder when an artifact names neither a builder nor buildpacks. */
export const DEFAULT_BUILDER = "gcr.io/buildpacks/builder:v1";

function short(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

/** Named cache volumes of an image repository (the tag changes every build, the cache must not). */
export function cacheVolumeNames(image: string): { readonly build: string; readonly launch: string } {
  const base = parseImageReference(image).baseName;
  const readable = base.replace(/[^a-zA-Z0-9_.-]+/g, "_").slice(-60);
  const name = `trestle-cache-${readable}-${short(base)}`;
  return { build: `${name}.build`, launch: `${name}.launch` };
}

/** How lifecycle containers reach the engine for daemon export, from DOCKER_HOST. */
export function engineSocketFor(dockerHost: string | undefined): { bind?: string; env?: string[] } {
  if (dockerHost === undefined || dockerHost === "")
    return { bind: "/var/run/docker.sock:/var/run/docker.sock" };
  if (dockerHost.startsWith("unix://")) return { bind: `${dockerHost.slice(7)}:/var/run/docker.sock` };
  return { env: [`DOCKER_HOST=${dockerHost}`] };
}

/** Artifact `volumes` as engine binds; relative host paths are relative to the artifact's context. */
export function volumeBinds(artifact: BuildpackArtifact, workspace: string): string[] {
  return (artifact.volumes ?? []).map((v) => {
    const modes = (v.options ?? "ro")
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean);
    const unsupported = modes.filter((m) => m !== "ro" && m !== "rw");
    if (unsupported.length > 0) {
      throw userError(
        "BUILDPACKS_BAD_VOLUME",
        `buildpacks.volumes ${v.host}: unsupported option ${unsupported.join(",")}`,
        "Use `ro` (default) or `rw`.",
      );
    }
    if (
      v.target === "/cnb" ||
      v.target.startsWith("/cnb/") ||
      v.target === "/layers" ||
      v.target.startsWith("/layers/")
    ) {
      throw userError(
        "BUILDPACKS_BAD_VOLUME",
        `buildpacks.volumes target ${v.target} would hide the lifecycle's files`,
      );
    }
    const host = isAbsolute(v.host) ? v.host : resolve(workspace, v.host);
    return `${host}:${v.target}:${modes.includes("rw") ? "rw" : "ro"}`;
  });
}

function label(ref: BuildpackRef): string {
  return ref.version === "" ? ref.id : `${ref.id}@${ref.version}`;
}

/** Builds `buildpacks` artifacts and lists their dependencies. */
export class BuildpacksBuilder implements ArtifactBuilder, DependencyLister {
  constructor(private readonly options: BuildpacksBuilderOptions) {}

  async build(request: BuildRequest): Promise<BuiltImage> {
    const artifact = request.artifact.buildpacks ?? {};
    const builder = artifact.builder ?? DEFAULT_BUILDER;
    const builderImage = await this.ensureImage(builder, request, "builder");
    const info = readBuilderInfo(builder, builderImage);
    const platformApi = choosePlatformApi(builder, info.platformApis);
    const descriptor = await readProjectDescriptor(
      request.workspace,
      artifact.projectDescriptor ?? "project.toml",
    );
    const env = buildpacksEnv({
      env: artifact.env ?? [],
      mode: request.mode,
      autoSync: request.artifact.sync?.auto ?? true,
      projectEnv: descriptor.env,
      processEnv: request.env,
    });
    const chosen =
      (artifact.buildpacks ?? []).length > 0 ? (artifact.buildpacks ?? []) : descriptor.buildpacks;
    const group = chosen.length > 0 ? resolveGroup(builder, chosen, info) : undefined;
    const runImage = this.runImageOf(builder, artifact, info);
    if (!request.push) await this.ensureImage(runImage, request, "run");
    const trusted = artifact.trustBuilder === true || isTrustedBuilder(builder);
    const base = parseImageReference(request.tag).baseName;
    const latest = `${base}:latest`;
    const tags = request.push || request.tag === latest ? [request.tag] : [request.tag, latest];
    const caches = cacheVolumeNames(request.tag);
    const owner = { uid: info.uid, gid: info.gid };
    const app = await appTarEntries(
      request.workspace,
      appFilter(descriptor.include, descriptor.exclude),
      owner,
    );
    const inputs = group === undefined ? app : [...app, orderToml(group, owner)];
    // Publishing: the lifecycle reads the run image and writes the app image in registries (pack's set).
    const registryAuth =
      request.push && this.options.credentials !== undefined
        ? await registryAuthEnv(this.options.credentials, [request.tag, runImage])
        : undefined;
    request.output(
      `Building with builder ${builder} (lifecycle ${info.lifecycleVersion || "?"}, Platform API ${platformApi}, ${trusted ? "trusted: creator" : "untrusted: separate phases"})`,
    );
    const report = await runLifecycle(this.options.daemon, {
      builder,
      image: request.artifact.image,
      platformApi,
      runs: planPhases({
        platformApi,
        trusted,
        daemon: !request.push,
        tags,
        runImage,
        ...(request.push ? {} : { previousImage: latest }),
        uid: info.uid,
        gid: info.gid,
        clearCache: artifact.clearCache === true,
        customOrder: group !== undefined,
        insecureRegistries: this.options.insecureRegistries,
      }),
      inputs,
      env,
      cacheVolume: caches.build,
      launchCacheVolume: caches.launch,
      binds: volumeBinds(artifact, request.workspace),
      ...(registryAuth === undefined ? {} : { registryAuth }),
      engineSocket: engineSocketFor(request.env["DOCKER_HOST"]),
      tried: (group === undefined ? info.order.flat() : group)
        .map(label)
        .filter((l, i, all) => all.indexOf(l) === i),
      output: request.output,
      signal: request.signal,
    });
    return request.push ? this.pushed(request, report.digest) : this.local(request);
  }

  dependencies(artifact: Artifact, workspace: string): Promise<readonly string[]> {
    const deps = artifact.buildpacks?.dependencies ?? {};
    return listPathDependencies(
      workspace,
      { paths: deps.paths ?? ["."], ignore: deps.ignore ?? [] },
      "buildpacks.dependencies.paths",
    );
  }

  private runImageOf(builder: string, artifact: BuildpackArtifact, info: BuilderInfo): string {
    const run = artifact.runImage ?? info.runImages[0];
    if (run === undefined || run === "") {
      throw userError(
        "BUILDPACKS_NO_RUN_IMAGE",
        `the builder ${builder} names no run image`,
        "Set buildpacks.runImage.",
      );
    }
    return run;
  }

  /** The image in the engine, pulled when absent; a missing image is a clear user error. */
  private async ensureImage(
    ref: string,
    request: BuildRequest,
    role: "builder" | "run",
  ): Promise<ImageDetails> {
    const images = this.options.daemon.images;
    const present = await images.inspect(ref, request.signal);
    if (present !== undefined) return present;
    request.output(`Pulling ${role} image ${ref}`);
    try {
      await this.options.daemon.registry.pull(ref, request.output, { signal: request.signal });
    } catch (error) {
      throw new TrestleError(
        `the ${role} image ${ref} is not in the local engine and could not be pulled: ${error instanceof Error ? error.message : String(error)}`,
        {
          kind: "user",
          code: role === "builder" ? "BUILDPACKS_BUILDER_NOT_FOUND" : "BUILDPACKS_RUN_IMAGE_NOT_FOUND",
          hint:
            role === "builder"
              ? "Check buildpacks.builder (registry, name, tag) and that you can pull it."
              : "Check buildpacks.runImage or the builder's run image, and that you can pull it.",
          cause: error,
        },
      );
    }
    const pulled = await images.inspect(ref, request.signal);
    if (pulled === undefined) {
      throw userError("BUILDPACKS_BUILDER_NOT_FOUND", `pulled ${ref} but the engine does not show it`);
    }
    return pulled;
  }

  private async pushed(request: BuildRequest, reported: string | undefined): Promise<BuiltImage> {
    const digest =
      reported ?? (await this.options.daemon.registry.distribution(request.tag, request.signal)).digest;
    return { reference: `${request.tag}@${digest}`, digest };
  }

  private async local(request: BuildRequest): Promise<BuiltImage> {
    const image = await this.options.daemon.images.inspect(request.tag, request.signal);
    if (image === undefined) {
      throw userError(
        "BUILDPACKS_NO_IMAGE",
        `the lifecycle finished but the engine has no image ${request.tag}`,
      );
    }
    return { reference: request.tag, imageId: image.id };
  }
}
