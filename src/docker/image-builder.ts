/**
 * `POST /build` with the engine's classic builder: the context is streamed as a tar, progress is streamed back
 * line by line, and a failure names the step that failed (`Step 3/5 : RUN make`) with the engine's message.
 */
import { TrestleError, isTrestleError, userError } from "../errors/errors.js";
import type { CredentialStore } from "../oci/registry/credentials.js";
import { authsForImages, registryConfigHeader } from "./auth.js";
import { readJsonMessages } from "./json-stream.js";
import { rethrowIfAborted, type EngineTransport } from "./transport.js";
import type { ImageBuildOptions, ImageBuilder, ImageStore } from "./types.js";

const STEP = /^Step (\d+\/\d+) : (.*)$/;

function query(options: ImageBuildOptions): Record<string, string | boolean | readonly string[] | undefined> {
  const json = (value: unknown): string | undefined =>
    value === undefined ? undefined : JSON.stringify(value);
  return {
    t: options.tags,
    dockerfile: options.dockerfile,
    buildargs: json(options.buildArgs),
    cachefrom:
      options.cacheFrom === undefined || options.cacheFrom.length === 0 ? undefined : json(options.cacheFrom),
    target: options.target,
    networkmode: options.network?.toLowerCase(),
    extrahosts: options.extraHosts, // one parameter per host, as Docker's client sends them
    nocache: options.noCache === true ? true : undefined,
    squash: options.squash === true ? true : undefined,
    pull: options.pull === true ? true : undefined,
    platform: options.platform,
    labels: json(options.labels),
    rm: true,
    forcerm: true, // no stopped containers left behind by a failed step (Skaffold's default, with pruning on)
    version: "1",
  };
}

function buildFailed(tag: string, step: string | undefined, message: string, cause?: unknown): TrestleError {
  const where = step === undefined ? "" : ` at step ${step}`;
  return new TrestleError(`building ${tag} failed${where}: ${message}`, {
    kind: "user",
    code: "DOCKER_BUILD_FAILED",
    hint: "Fix the Dockerfile (the build output above shows the failing step's logs), then build again.",
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * The engine's image builder; `images` resolves the image ID when an old engine reports none, `credentials`
 * authenticates base-image pulls.
 */
export function engineImageBuilder(
  transport: EngineTransport,
  images: Pick<ImageStore, "inspect">,
  credentials: CredentialStore,
): ImageBuilder {
  return {
    async build(options) {
      const tag = options.tags[0] ?? "image";
      const headers: Record<string, string> = { "content-type": "application/x-tar" };
      const auths = await authsForImages(credentials, options.baseImages ?? []);
      if (auths.length > 0) headers["x-registry-config"] = registryConfigHeader(auths);
      let step: string | undefined;
      const output = (line: string): void => {
        const match = STEP.exec(line);
        if (match) step = `${match[1] ?? ""} (${match[2] ?? ""})`;
        options.output(line);
      };
      let outcome;
      try {
        const res = await transport.send(
          {
            method: "POST",
            path: "/build",
            query: query(options),
            headers,
            body: options.context,
            ...(options.signal === undefined ? {} : { signal: options.signal }),
          },
          `building ${tag}`,
        );
        outcome = await readJsonMessages(res.body, output);
      } catch (error) {
        rethrowIfAborted(error, options.signal);
        if (isTrestleError(error) && error.code.startsWith("DOCKER_") && error.kind === "user") {
          throw buildFailed(tag, step, error.message.replace(`building ${tag}: `, ""), error);
        }
        throw error;
      }
      if (outcome.error !== undefined) throw buildFailed(tag, step, outcome.error);
      // The classic builder reports an ID per stage; the image built is the last one.
      const id = outcome.aux
        .map((aux) => (aux as { ID?: unknown }).ID)
        .filter((value): value is string => typeof value === "string")
        .at(-1);
      if (id !== undefined) return { imageId: id };
      const built = await images.inspect(tag);
      if (built === undefined)
        throw userError("DOCKER_BUILD_FAILED", `building ${tag} reported success but produced no image`);
      return { imageId: built.id };
    },
  };
}
