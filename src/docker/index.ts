/**
 * The Docker Engine adapter: the only module that talks to the engine (REST API over its socket, or the
 * `docker` CLI where the API cannot do the job). See README.md.
 */
import type { Exec } from "../proc/exec.js";
import { dockerConfigCredentials, type CredentialStore } from "../oci/registry/credentials.js";
import { engineContainerFiles } from "./container-files.js";
import { engineContainerIO } from "./container-io.js";
import { engineContainerRunner } from "./containers.js";
import { engineEndpoint, type EngineEndpoint } from "./endpoint.js";
import { engineInfo } from "./engine-info.js";
import { engineContainerFinder, engineNetworks } from "./networks.js";
import { engineImageBuilder } from "./image-builder.js";
import { engineImageRegistry } from "./image-registry.js";
import { engineImageStore } from "./image-store.js";
import { EngineTransport } from "./transport.js";
import type { DockerDaemon } from "./types.js";
import { engineVolumeStore } from "./volumes.js";

export type * from "./types.js";
export { engineEndpoint, describeEndpoint, type EngineEndpoint } from "./endpoint.js";
export { isNotFound } from "./errors.js";
export { LineBuffer, emitLines } from "../util/lines.js";
export { dockerCli, type DockerCli, type DockerCliOptions } from "./cli.js";
export { engineImagesOf } from "./engine-images.js";

/** How to reach the engine and where registry credentials come from. */
export interface DockerDaemonOptions {
  /** Environment with DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, DOCKER_API_VERSION, DOCKER_CONFIG. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Runs credential helpers (`docker-credential-*`). */
  readonly exec: Exec;
  /** Overrides the Docker-config credential store (tests, flags). */
  readonly credentials?: CredentialStore;
  /** Overrides the endpoint derived from `env`. */
  readonly endpoint?: EngineEndpoint;
}

/** Connects (lazily: nothing happens until the first call) to the engine named by the environment. */
export function createDockerDaemon(options: DockerDaemonOptions): DockerDaemon {
  const env = options.env ?? process.env;
  const transport = new EngineTransport(options.endpoint ?? engineEndpoint(env));
  const credentials = options.credentials ?? dockerConfigCredentials({ exec: options.exec, env });
  const images = engineImageStore(transport);
  return {
    info: engineInfo(transport),
    builder: engineImageBuilder(transport, images, credentials),
    images,
    registry: engineImageRegistry(transport, credentials),
    containers: engineContainerRunner(transport),
    io: engineContainerIO(transport),
    finder: engineContainerFinder(transport),
    networks: engineNetworks(transport),
    volumes: engineVolumeStore(transport),
    files: engineContainerFiles(transport),
  };
}
