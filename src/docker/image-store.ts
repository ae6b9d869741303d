/** The engine's image store: inspect, tag, remove, load. */
import { externalError } from "../errors/errors.js";
import { isNotFound } from "./errors.js";
import { nameAndTag, pathName } from "./image-ref.js";
import { readJsonMessages } from "./json-stream.js";
import type { EngineTransport } from "./transport.js";
import type { ImageDetails, ImageStore } from "./types.js";

interface RawImage {
  readonly Id: string;
  readonly RepoTags?: readonly string[] | null;
  readonly RepoDigests?: readonly string[] | null;
  readonly Os?: string;
  readonly Architecture?: string;
  readonly Author?: string;
  readonly Config?: {
    readonly WorkingDir?: string;
    readonly Env?: readonly string[] | null;
    readonly Entrypoint?: readonly string[] | null;
    readonly Cmd?: readonly string[] | null;
    readonly Labels?: Readonly<Record<string, string>> | null;
    readonly ExposedPorts?: Readonly<Record<string, unknown>> | null;
  } | null;
}

function details(raw: RawImage): ImageDetails {
  const config = raw.Config ?? {};
  return {
    id: raw.Id,
    repoTags: raw.RepoTags ?? [],
    repoDigests: raw.RepoDigests ?? [],
    workingDir: config.WorkingDir ?? "",
    env: config.Env ?? [],
    entrypoint: config.Entrypoint ?? [],
    cmd: config.Cmd ?? [],
    labels: config.Labels ?? {},
    os: raw.Os ?? "",
    architecture: raw.Architecture ?? "",
    ...(raw.Author === undefined || raw.Author === "" ? {} : { author: raw.Author }),
    exposedPorts: Object.keys(config.ExposedPorts ?? {}),
  };
}

const LOADED = /^Loaded image(?: ID)?: (.+)$/;

/** The engine's image store. */
export function engineImageStore(transport: EngineTransport): ImageStore {
  return {
    async inspect(ref, signal) {
      try {
        const raw = await transport.json<RawImage>(
          {
            method: "GET",
            path: `/images/${pathName(ref)}/json`,
            ...(signal === undefined ? {} : { signal }),
          },
          `inspecting image ${ref}`,
        );
        return details(raw);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async tag(source, target) {
      const { name, tag } = nameAndTag(target);
      await transport.empty(
        { method: "POST", path: `/images/${pathName(source)}/tag`, query: { repo: name, tag } },
        `tagging ${source} as ${target}`,
      );
    },

    async remove(ref, options = {}) {
      await transport.empty(
        { method: "DELETE", path: `/images/${pathName(ref)}`, query: { force: options.force === true } },
        `removing image ${ref}`,
      );
    },

    async load(tarball, output, signal) {
      const res = await transport.send(
        {
          method: "POST",
          path: "/images/load",
          query: { quiet: false },
          headers: { "content-type": "application/x-tar" },
          body: tarball,
          ...(signal === undefined ? {} : { signal }),
        },
        "loading an image tarball",
      );
      const loaded: string[] = [];
      const outcome = await readJsonMessages(res.body, (line) => {
        const match = LOADED.exec(line);
        if (match?.[1] !== undefined) loaded.push(match[1]);
        output(line);
      });
      if (outcome.error !== undefined) {
        throw externalError("DOCKER_LOAD_FAILED", `loading an image tarball failed: ${outcome.error}`);
      }
      return loaded;
    },
  };
}
