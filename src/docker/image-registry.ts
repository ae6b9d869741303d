/**
 * Push, pull and distribution inspect through the engine, which talks to the registry itself (so it applies
 * its own insecure-registry and mirror settings); credentials go along in `X-Registry-Auth`.
 */
import type { Readable } from "node:stream";
import { externalError } from "../errors/errors.js";
import type { CredentialStore } from "../oci/registry/credentials.js";
import { authForImage, registryAuthHeader } from "./auth.js";
import { nameAndTag, pathName } from "./image-ref.js";
import { readJsonMessages } from "./json-stream.js";
import { rethrowIfAborted, type EngineTransport } from "./transport.js";
import type { DistributionDetails, ImageRegistry, LineSink } from "./types.js";

interface RawDistribution {
  readonly Descriptor?: { readonly digest?: string; readonly mediaType?: string };
  readonly Platforms?:
    readonly { readonly os?: string; readonly architecture?: string; readonly variant?: string }[] | null;
}

const AUTH_FAILURE = /unauthorized|authentication required|no basic auth credentials|denied|\b40[13]\b/i;

function registryFailure(code: string, action: string, ref: string, message: string): Error {
  const auth = AUTH_FAILURE.test(message);
  return externalError(
    code,
    `${action} ${ref} failed: ${message}`,
    auth
      ? `Log in to the registry (docker login ${ref.split("/")[0] ?? ""}) or check that you may ${action.toLowerCase()} there.`
      : "Check that the registry is reachable from the Docker daemon (and listed in its insecure-registries if it is plain HTTP).",
  );
}

async function streamOrFail(
  body: Readable,
  output: LineSink,
  what: {
    readonly code: string;
    readonly action: string;
    readonly ref: string;
    readonly signal?: AbortSignal;
  },
): Promise<readonly unknown[]> {
  const { code, action, ref } = what;
  let outcome;
  try {
    outcome = await readJsonMessages(body, output);
  } catch (error) {
    rethrowIfAborted(error, what.signal);
    throw error;
  }
  if (outcome.error !== undefined) throw registryFailure(code, action, ref, outcome.error);
  return outcome.aux;
}

/** The engine's registry operations; `credentials` supplies the auth for each registry. */
export function engineImageRegistry(transport: EngineTransport, credentials: CredentialStore): ImageRegistry {
  const authHeader = async (ref: string): Promise<Record<string, string>> => ({
    "x-registry-auth": registryAuthHeader(await authForImage(credentials, ref)),
  });

  const distribution = async (ref: string, signal?: AbortSignal): Promise<DistributionDetails> => {
    const what = `looking up ${ref} in its registry`;
    let raw: RawDistribution;
    try {
      raw = await transport.json<RawDistribution>(
        {
          method: "GET",
          path: `/distribution/${pathName(ref)}/json`,
          headers: await authHeader(ref),
          ...(signal === undefined ? {} : { signal }),
        },
        what,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message.replace(`${what}: `, "") : String(error);
      if (AUTH_FAILURE.test(message))
        throw registryFailure("DOCKER_UNAUTHORIZED", "Looking up", ref, message);
      throw error;
    }
    const digest = raw.Descriptor?.digest;
    if (digest === undefined)
      throw externalError("DOCKER_DISTRIBUTION", `the registry returned no digest for ${ref}`);
    return {
      digest,
      mediaType: raw.Descriptor?.mediaType ?? "",
      platforms: (raw.Platforms ?? []).map((p) =>
        [p.os ?? "", p.architecture ?? "", p.variant ?? ""].filter((part) => part !== "").join("/"),
      ),
    };
  };

  return {
    distribution,

    async push(ref, output, signal) {
      const { name, tag } = nameAndTag(ref);
      const res = await transport.send(
        {
          method: "POST",
          path: `/images/${pathName(name)}/push`,
          query: { tag },
          headers: await authHeader(ref),
          ...(signal === undefined ? {} : { signal }),
        },
        `pushing ${ref}`,
      );
      const aux = await streamOrFail(res.body, output, {
        code: "DOCKER_PUSH_FAILED",
        action: "Pushing",
        ref,
        ...(signal === undefined ? {} : { signal }),
      });
      const digest = aux
        .map((a) => (a as { Digest?: unknown }).Digest)
        .find((d): d is string => typeof d === "string" && d.startsWith("sha256:"));
      return digest ?? (await distribution(ref, signal)).digest;
    },

    async pull(ref, output, options = {}) {
      const { name, tag } = nameAndTag(ref);
      const res = await transport.send(
        {
          method: "POST",
          path: "/images/create",
          query: { fromImage: name, tag, platform: options.platform },
          headers: await authHeader(ref),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        },
        `pulling ${ref}`,
      );
      await streamOrFail(res.body, output, {
        code: "DOCKER_PULL_FAILED",
        action: "Pulling",
        ref,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    },
  };
}
