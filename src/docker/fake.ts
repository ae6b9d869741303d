/**
 * An in-memory engine for unit tests of code that builds, tags and pushes: it records every call, keeps a map
 * of local images, and consumes build contexts so that tests can look at the entries sent.
 */
import { userError } from "../errors/errors.js";
import type { DockerDaemon, ImageBuildOptions, ImageDetails } from "./types.js";

/** A recorded call. */
export interface FakeCall {
  readonly method: string;
  readonly args: readonly unknown[];
}

/** The fake's knobs and records. */
export interface FakeDocker {
  readonly daemon: DockerDaemon;
  readonly calls: FakeCall[];
  /** Local images by reference. */
  readonly images: Map<string, ImageDetails>;
  /** Bytes of the last build context. */
  lastContext?: Buffer;
  lastBuild?: Omit<ImageBuildOptions, "context">;
  /** Makes the next build fail with this message. */
  failBuild?: string;
  /** Digests the registry holds, by reference. */
  readonly remote: Map<string, string>;
}

/** Image details with the given ID and tag, the rest empty. */
export function fakeImage(id: string, ref: string): ImageDetails {
  return {
    id,
    repoTags: [ref],
    repoDigests: [],
    workingDir: "",
    env: [],
    entrypoint: [],
    cmd: [],
    labels: {},
    os: "linux",
    architecture: "amd64",
  };
}

function notImplemented(method: string): never {
  throw new Error(`the fake engine does not implement ${method}`);
}

/** Creates a fake engine. */
export function fakeDocker(): FakeDocker {
  const fake: Omit<FakeDocker, "daemon"> = { calls: [], images: new Map(), remote: new Map() };
  const record = (method: string, ...args: unknown[]): void => {
    fake.calls.push({ method, args });
  };
  let builds = 0;
  const daemon: DockerDaemon = {
    info: {
      ping: () => Promise.resolve(),
      version: () =>
        Promise.resolve({
          version: "fake",
          apiVersion: "1.41",
          os: "linux",
          arch: "amd64",
          experimental: false,
        }),
      apiVersion: () => Promise.resolve("1.41"),
    },
    builder: {
      async build(options) {
        const { context, ...rest } = options;
        record("build", rest);
        const chunks: Uint8Array[] = [];
        for await (const chunk of context) chunks.push(chunk);
        fake.lastContext = Buffer.concat(chunks);
        fake.lastBuild = rest;
        if (fake.failBuild !== undefined) {
          const message = fake.failBuild;
          delete fake.failBuild;
          throw userError("DOCKER_BUILD_FAILED", message);
        }
        const id = `sha256:${String(++builds).padStart(64, "0")}`;
        for (const tag of options.tags) fake.images.set(tag, fakeImage(id, tag));
        options.output("Successfully built");
        return { imageId: id };
      },
    },
    images: {
      inspect: (ref) => Promise.resolve(fake.images.get(ref)),
      tag(source, target) {
        record("tag", source, target);
        const found = fake.images.get(source);
        if (found) fake.images.set(target, found);
        return Promise.resolve();
      },
      remove(ref) {
        record("remove", ref);
        fake.images.delete(ref);
        return Promise.resolve();
      },
      load: () => notImplemented("load"),
    },
    registry: {
      push(ref) {
        record("push", ref);
        const found = fake.images.get(ref);
        if (!found) return Promise.reject(userError("DOCKER_NOT_FOUND", `no such image ${ref}`));
        const digest = `sha256:${found.id.slice(-8).padStart(64, "d")}`;
        fake.remote.set(ref, digest);
        return Promise.resolve(digest);
      },
      pull(ref) {
        record("pull", ref);
        return Promise.reject(userError("DOCKER_PULL_FAILED", `cannot pull ${ref}`));
      },
      distribution(ref) {
        record("distribution", ref);
        const digest = fake.remote.get(ref);
        if (digest === undefined)
          return Promise.reject(userError("DOCKER_NOT_FOUND", `${ref} is not in the registry`));
        return Promise.resolve({
          digest,
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          platforms: [],
        });
      },
    },
    containers: {
      create: () => notImplemented("create"),
      start: () => notImplemented("start"),
      wait: () => notImplemented("wait"),
      stop: () => notImplemented("stop"),
      remove: () => notImplemented("remove"),
    },
    io: {
      logs: () => notImplemented("logs"),
      exec: () => notImplemented("exec"),
      state: () => notImplemented("state"),
    },
    finder: { list: () => notImplemented("list") },
    networks: {
      create: () => notImplemented("create network"),
      remove: () => notImplemented("remove network"),
      list: () => notImplemented("list networks"),
    },
    volumes: {
      create: () => notImplemented("volumes.create"),
      exists: () => notImplemented("volumes.exists"),
      remove: () => notImplemented("volumes.remove"),
    },
    files: {
      put: () => notImplemented("files.put"),
      get: () => notImplemented("files.get"),
    },
  };
  return Object.assign(fake, { daemon });
}
