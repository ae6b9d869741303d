import { homedir } from "node:os";
import type { Artifact } from "../config/schema/index.js";
import { moduleLabel, type ConfigModule, type ResolvedConfig } from "../config/resolved.js";
import type { DeployerFactories } from "../deploy/deployers.js";
import type { DockerDebugSettings } from "../deploy/docker/debug.js";
import { dockerDeployer } from "../deploy/docker/deployer.js";
import { helmDeployer, type HelmDeployerOptions } from "../deploy/helm/deployer.js";
import { kubectlDeployer, type KubectlApplier, type WaitForDeletions } from "../deploy/kubectl/deployer.js";
import { remoteReader } from "../deploy/kubectl/remote.js";
import { createResourceSelector } from "../manifest/selector.js";
import { userError } from "../errors/errors.js";
import { builderFor, type Builder, type BuilderDeps } from "../build/builders.js";
import type { BuiltImage } from "../build/types.js";
import { createDockerDaemon, type DockerDaemon } from "../docker/index.js";
import { processExec, type Exec } from "../proc/exec.js";
import { parseReference } from "../oci/reference.js";
import { RegistryClient } from "../oci/registry/client.js";
import { retagInRegistry } from "../oci/registry/retag.js";
import type { PublishedImages } from "./build-pipeline.js";

/** A pushed image under another tag of its repository, through the registry alone. */
async function retagPushed(
  registry: RegistryClient,
  image: BuiltImage,
  tag: string,
  signal: AbortSignal,
): Promise<BuiltImage> {
  const { digest } = await retagInRegistry(
    registry,
    parseReference(image.reference),
    parseReference(tag),
    signal,
  );
  return { reference: `${tag}@${digest}`, digest };
}

/** The concrete doors a pipeline runs with. The ONLY place that picks implementations. */
export interface Runtime extends PublishedImages {
  readonly exec: Exec;
  readonly daemon: () => DockerDaemon;
  readonly builder: Builder;
  readonly home: string;
}

export interface RuntimeOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly insecureRegistries: readonly string[];
  readonly skipTests: boolean;
}

/** Wires the real implementations: child processes, the Docker engine (connected lazily), the builders. */
export function createRuntime(project: ResolvedConfig, options: RuntimeOptions): Runtime {
  const exec = processExec;
  let daemon: DockerDaemon | undefined;
  const getDaemon = (): DockerDaemon => (daemon ??= createDockerDaemon({ env: options.env, exec }));
  let registry: RegistryClient | undefined;
  const getRegistry = (): RegistryClient =>
    (registry ??= new RegistryClient({ insecureRegistries: options.insecureRegistries, env: options.env }));
  const localOf = new Map<
    string,
    NonNullable<NonNullable<ResolvedConfig["modules"][number]["config"]["build"]>["local"]>
  >();
  for (const module of project.modules) {
    for (const artifact of module.config.build?.artifacts ?? [])
      localOf.set(artifact.image, module.config.build?.local ?? {});
  }
  const settingsOf = (artifact: Artifact): BuilderDeps => {
    const local = localOf.get(artifact.image);
    return {
      exec,
      daemon: getDaemon,
      insecureRegistries: options.insecureRegistries,
      useDockerCLI: local?.useDockerCLI,
      useBuildkit: local?.useBuildkit,
      skipTests: options.skipTests,
      cwd: options.cwd,
    };
  };
  const stillExists = async (image: BuiltImage, push: boolean): Promise<boolean> => {
    try {
      if (push) {
        if (image.digest === undefined) return false;
        const repoTag = image.reference.split("@")[0] ?? image.reference;
        return (await getDaemon().registry.distribution(repoTag)).digest === image.digest;
      }
      return (await getDaemon().images.inspect(image.imageId ?? image.reference)) !== undefined;
    } catch {
      return false; // unreachable registry or engine: build again rather than trust the cache
    }
  };
  const retag = async (
    image: BuiltImage,
    tag: string,
    push: boolean,
    signal: AbortSignal,
  ): Promise<BuiltImage | undefined> => {
    if (push && image.digest !== undefined) {
      // Pushed before (ko, custom, docker): write the manifest under the new tag; no rebuild, no blob sent.
      const retagged = await retagPushed(getRegistry(), image, tag, signal).catch(() => undefined);
      if (retagged !== undefined)
        return { ...retagged, ...(image.imageId === undefined ? {} : { imageId: image.imageId }) };
    }
    if (image.imageId === undefined) return undefined;
    const engine = getDaemon();
    try {
      if ((await engine.images.inspect(image.imageId, signal)) === undefined) return undefined;
      await engine.images.tag(image.imageId, tag);
      if (!push) return { reference: tag, imageId: image.imageId };
      const digest = await engine.registry.push(tag, () => undefined, signal);
      return { reference: `${tag}@${digest}`, digest, imageId: image.imageId };
    } catch {
      return undefined; // the engine cannot help: rebuild
    }
  };
  return {
    exec,
    daemon: getDaemon,
    builder: builderFor(settingsOf),
    stillExists,
    retag,
    home: options.env["HOME"] ?? homedir(),
  };
}

/** What the deployers of a run need beyond the build runtime. */
export interface DeployRuntimeOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly kubeContext: string | undefined;
  readonly kubeconfig: string | undefined;
  /** `--force`. */
  readonly force: boolean;
  /** `--wait-for-deletions`, `-max`, `-delay`. */
  readonly waitForDeletions: WaitForDeletions;
  /** `app.kubernetes.io/managed-by` value. */
  readonly managedBy: string;
  /** The cluster's kubectl door (connected lazily). */
  readonly applier: () => KubectlApplier;
  /** The helm post-renderer (image replacement and labels), built per deploy. */
  readonly helmPostRenderer: HelmDeployerOptions["postRenderer"];
  /** Under `trestle debug`: how `deploy.docker` rewrites its containers for debuggers. */
  readonly dockerDebug?: DockerDebugSettings | undefined;
}

/** The deployer factories of one module: the only place deployer implementations are chosen. */
export function createDeployerFactories(
  module: ConfigModule,
  runtime: Pick<Runtime, "exec" | "daemon">,
  options: DeployRuntimeOptions,
): DeployerFactories {
  return {
    docker: (config) =>
      dockerDeployer({
        config,
        portForward: module.config.portForward ?? [],
        managedBy: options.managedBy,
        engine: runtime.daemon,
        debug: options.dockerDebug,
      }),
    helm: (config) =>
      helmDeployer({
        config,
        dir: module.dir,
        env: options.env,
        exec: runtime.exec,
        kube: { kubeContext: options.kubeContext, kubeconfig: options.kubeconfig },
        ...(options.helmPostRenderer === undefined ? {} : { postRenderer: options.helmPostRenderer }),
      }),
    kpt: () => {
      throw userError(
        "KPT_DEPLOY_UNSUPPORTED",
        `deploy.kpt (${moduleLabel(module)}) is not supported by Trestle yet`,
        "Render with manifests.kpt and deploy with deploy.kubectl instead; see docs/deploy.md.",
      );
    },
    kubectl: (config) =>
      kubectlDeployer({
        config,
        applier: options.applier,
        env: options.env,
        force: options.force,
        waitForDeletions: options.waitForDeletions,
        readRemote: remoteReader(options.applier),
        selector: createResourceSelector(module.config.resourceSelector),
      }),
  };
}
